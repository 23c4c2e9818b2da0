// Drive the live loop over stored real candles, minute by minute, the way the feed and the scheduler would:
// each candle is written (and published) with the feed's own upsert; at every tick boundary the candle that just
// opened is written in its forming state (open = high = low = close) and the tick runs (runTick).
import { env } from "@/lib/env";
import { runTick } from "@/lib/decision/run-tick";
import { feedLockKey, feedStatusKey, seriesChannel, seriesKey } from "@/lib/market/series";
import type { Candle } from "@/lib/market/types";
import { writeCandle, writeCandles, type SeriesTarget } from "@/lib/market/write-candle";
import { redis } from "@/lib/redis";

/** The feed's write target for a symbol (no leader fencing). */
export function feedTarget(symbol: string): SeriesTarget {
  return {
    series: seriesKey(symbol),
    channel: seriesChannel(symbol),
    status: feedStatusKey(symbol),
    lock: feedLockKey(symbol),
    source: env.MARKET_SOURCE,
    leader: "test-replay",
    token: "",
  };
}

/** Real candles re-timed by whole days so the first `index` ones end at `from + shift` (ticks in the future). */
export function shiftedDays(from: number, daysAhead: number): number {
  return Math.ceil((Date.now() + daysAhead * 86_400_000 - from) / 86_400_000) * 86_400_000;
}

/**
 * Write `candles[0..start)` as history, then replay `candles[start..)`: at each boundary of `tickMs` the hooks run
 * around runTick; `afterCandle` runs after each candle is final.
 */
export async function liveReplay(
  symbol: string,
  candles: Candle[],
  start: number,
  opts: {
    tickMs?: number;
    beforeTick?: (t: number, i: number) => Promise<void>;
    afterTick?: (t: number) => Promise<void>;
    afterCandle?: (c: Candle) => Promise<void>;
  } = {},
): Promise<void> {
  const target = feedTarget(symbol);
  const tickMs = opts.tickMs ?? 300_000;
  await writeCandles(redis(), target, candles.slice(0, start));
  for (let i = start; i < candles.length; i++) {
    const c = candles[i]!;
    if (c.t % tickMs === 0) {
      await opts.beforeTick?.(c.t, i);
      await writeCandle(redis(), target, { t: c.t, o: c.o, h: c.o, l: c.o, c: c.o, v: 0 });
      await opts.afterCandle?.({ t: c.t, o: c.o, h: c.o, l: c.o, c: c.o, v: 0 });
      await runTick(symbol, new Date(c.t));
      await opts.afterTick?.(c.t);
    }
    await writeCandle(redis(), target, c);
    await opts.afterCandle?.(c);
  }
}
