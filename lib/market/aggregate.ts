// Derived candles (pure): 1m candles (or already derived ones) aggregated into 5m / 15m / 1h buckets aligned to
// UTC boundaries.
import { INTERVAL_MS, type Candle, type Interval } from "./types";

/** Aggregate candles (oldest first, 1m or a shorter derived interval) into `interval` candles on UTC boundaries. */
export function aggregate(candles: Candle[], interval: Interval): Candle[] {
  if (interval === "1m") return candles;
  const size = INTERVAL_MS[interval];
  const out: Candle[] = [];
  let last: Candle | null = null;
  for (let i = 0; i < candles.length; i++) {
    const c = candles[i]!;
    // Same bucket as the previous candle: [last.t, last.t + size) (times are positive; ascending input).
    if (last !== null && c.t >= last.t && c.t < last.t + size) {
      if (c.h > last.h) last.h = c.h;
      if (c.l < last.l) last.l = c.l;
      last.c = c.c;
      last.v = Math.round((last.v + c.v) * 1e8) / 1e8;
    } else {
      // (a literal, not a spread: this runs for every candle of every decision and every backtest tick)
      last = { t: c.t - (c.t % size), o: c.o, h: c.h, l: c.l, c: c.c, v: c.v };
      out.push(last);
    }
  }
  return out;
}

/**
 * Only the whole buckets of `interval` from CLOSED candles of `base` (1m, or whole bars of a shorter interval;
 * oldest first): a leading bucket that misses its first part and a trailing bucket whose last part has not
 * closed are dropped.
 */
export function wholeBars(closed: Candle[], interval: Interval, base: Interval = "1m"): Candle[] {
  if (interval === base) return closed;
  const size = INTERVAL_MS[interval];
  const bars = aggregate(closed, interval);
  const first = closed[0];
  if (first && first.t % size !== 0) bars.shift();
  const last = closed[closed.length - 1];
  if (last && bars.length > 0 && bars[bars.length - 1]!.t + size > last.t + INTERVAL_MS[base]) bars.pop();
  return bars;
}
