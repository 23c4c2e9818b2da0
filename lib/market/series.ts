import "server-only";
// The shared candle store in Redis: one sorted set per (source, symbol, interval), scored by open time.
// Member format `t:o:h:l:c:v` (open time ms, prices, base volume). The newest member may be the forming candle.
import { env } from "@/lib/env";
import { redis, rkey } from "@/lib/redis";
import type { Candle } from "./types";

/** Redis key of a stored series, e.g. `tp:candles:replay:BTCUSDT:1m`. */
export function seriesKey(symbol: string, source: string = env.MARKET_SOURCE, interval = "1m"): string {
  return rkey(`candles:${source}:${symbol}:${interval}`);
}

/** Pub/sub channel that carries every update of a series (the encoded candle). */
export function seriesChannel(symbol: string, source: string = env.MARKET_SOURCE, interval = "1m"): string {
  return `${seriesKey(symbol, source, interval)}:live`;
}

/** Encode a candle as a sorted-set member. */
export function encodeCandle(c: Candle): string {
  return `${c.t}:${c.o}:${c.h}:${c.l}:${c.c}:${c.v}`;
}

/** Decode a sorted-set member. */
export function decodeCandle(member: string): Candle {
  const [t, o, h, l, c, v] = member.split(":").map(Number);
  return { t: t!, o: o!, h: h!, l: l!, c: c!, v: v! };
}

/** The newest `count` stored 1m candles (closed ones and the forming one), oldest first. */
export async function readCandles(
  symbol: string,
  count: number,
  source: string = env.MARKET_SOURCE,
): Promise<Candle[]> {
  const members = await redis().zrange(seriesKey(symbol, source), -count, -1);
  return members.map(decodeCandle);
}

/** The newest stored candle (usually the forming one), or null when the feed has written nothing yet. */
export async function latestCandle(
  symbol: string,
  source: string = env.MARKET_SOURCE,
): Promise<Candle | null> {
  const [member] = await redis().zrange(seriesKey(symbol, source), -1, -1);
  return member ? decodeCandle(member) : null;
}
