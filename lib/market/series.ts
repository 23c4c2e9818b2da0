import "server-only";
// The shared candle store in Redis: one sorted set per (source, symbol, interval), scored by open time.
// Member format `t:o:h:l:c:v` (open time ms, prices, base volume). The newest member may be the forming candle.
import { singleFlight } from "@/lib/batch/batcher";
import { env } from "@/lib/env";
import { redis, rkey } from "@/lib/redis";
import { aggregate } from "./aggregate";
import { INTERVAL_MS, INTERVALS, type Candle, type Interval } from "./types";

export { aggregate };

/** Redis key of a stored series, e.g. `tp:candles:replay:BTCUSDT:1m`. */
export function seriesKey(symbol: string, source: string = env.MARKET_SOURCE, interval = "1m"): string {
  return rkey(`candles:${source}:${symbol}:${interval}`);
}

/** Key of a derived series (5m, 15m, 1h) kept beside a 1m series key; the candle upsert maintains it. */
export function derivedKeyOf(series1m: string, interval: Interval): string {
  return `${series1m.slice(0, -"1m".length)}${interval}`;
}

/** Key of the counter bumped by every write to a 1m series (candles or feed status): caches compare it. */
export function versionKeyOf(series1m: string): string {
  return `${series1m}:ver`;
}

/** The derived intervals the upsert keeps, with their bucket sizes. */
export const DERIVED_INTERVALS = INTERVALS.filter((iv) => iv !== "1m");

/** Every key of a symbol's stored series: the 1m candles, the derived series kept beside them, the version. */
export function seriesKeys(symbol: string, source: string = env.MARKET_SOURCE): string[] {
  const key = seriesKey(symbol, source);
  return [key, ...DERIVED_INTERVALS.map((iv) => derivedKeyOf(key, iv)), versionKeyOf(key)];
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

const readLatest = singleFlight(
  async ({ symbol, source }: { symbol: string; source: string }) => {
    const [member] = await redis().zrange(seriesKey(symbol, source), -1, -1);
    return member ? decodeCandle(member) : null;
  },
  ({ symbol, source }) => seriesKey(symbol, source),
);

/**
 * The newest stored candle (usually the forming one), or null when the feed has written nothing yet. Concurrent
 * callers share one in-flight read (thousands of execute jobs ask for the same price at once).
 */
export function latestCandle(symbol: string, source: string = env.MARKET_SOURCE): Promise<Candle | null> {
  return readLatest({ symbol, source });
}

/** The newest candle of each symbol, by symbol. */
export async function latestCandles(symbols: Iterable<string>): Promise<Map<string, Candle | null>> {
  const list = [...new Set(symbols)];
  return new Map(await Promise.all(list.map(async (s) => [s, await latestCandle(s)] as const)));
}

/** Redis hash with the feed's heartbeat/status for a series (see feed-status.ts). */
export function feedStatusKey(symbol: string, source: string = env.MARKET_SOURCE): string {
  return rkey(`feed:${source}:${symbol}:1m`);
}

/** Redis key of the leader lock for a series' feed. */
export function feedLockKey(symbol: string, source: string = env.MARKET_SOURCE): string {
  return rkey(`feed:${source}:${symbol}:1m:leader`);
}

/**
 * "Closed" rule: a stored 1m candle is closed when a newer candle exists in the series, or when its minute has
 * ended on the wall clock (t + 1m ≤ now). Only the newest member can be forming.
 */
export function isClosed(c: Candle, newerExists: boolean, now = Date.now()): boolean {
  return newerExists || c.t + INTERVAL_MS["1m"] <= now;
}

// 1m candles needed to build `count` derived candles (plus one bucket of slack for the partial first bucket).
function oneMinuteSpan(interval: Interval, count: number): number {
  return Math.min((count + 1) * (INTERVAL_MS[interval] / INTERVAL_MS["1m"]), 5_001);
}

/**
 * The newest `count` candles of `interval` for the chart and the API: closed ones plus the forming one, oldest
 * first. Derived intervals come from their own series, kept up to date by every 1m upsert (a bucket whose first
 * minute the 1m series does not hold is never stored); without one yet (a series written before derived series
 * existed), the stored 1m series is aggregated and a partial first bucket dropped.
 */
export async function readKline(symbol: string, interval: Interval, count: number): Promise<Candle[]> {
  if (interval !== "1m") {
    const members = await redis().zrange(derivedKeyOf(seriesKey(symbol), interval), -count, -1);
    if (members.length > 0) return members.map(decodeCandle);
  }
  return aggregateKline(await readCandles(symbol, oneMinuteSpan(interval, count)), interval, count);
}

/** The newest `count` CLOSED candles of `interval` (for the decision loop), oldest first. */
export async function readClosedCandles(
  symbol: string,
  count: number,
  interval: Interval = "1m",
  now = Date.now(),
): Promise<Candle[]> {
  const ones = await readCandles(symbol, oneMinuteSpan(interval, count) + 1);
  const last = ones[ones.length - 1];
  if (last && !isClosed(last, false, now)) ones.pop();
  const size = INTERVAL_MS[interval];
  // A derived bucket is closed once its last minute is closed.
  const closedUntil = ones.length ? ones[ones.length - 1]!.t + INTERVAL_MS["1m"] : 0;
  const bars = aggregateKline(ones, interval, Number.MAX_SAFE_INTEGER).filter(
    (b) => b.t + size <= closedUntil,
  );
  return bars.slice(-count);
}

/** 1m candles aggregated into `interval`, a partial leading bucket (first minute missing) dropped, newest `count`. */
export function aggregateKline(ones: Candle[], interval: Interval, count: number): Candle[] {
  const bars = aggregate(ones, interval);
  const first = ones[0];
  if (interval !== "1m" && first && first.t % INTERVAL_MS[interval] !== 0 && bars.length > 1) bars.shift();
  return bars.slice(-count);
}
