// Derived candles (pure): 1m candles aggregated into 5m / 15m / 1h buckets aligned to UTC boundaries.
import { INTERVAL_MS, type Candle, type Interval } from "./types";

/** Aggregate 1m candles (oldest first) into `interval` candles aligned to UTC boundaries. */
export function aggregate(candles: Candle[], interval: Interval): Candle[] {
  if (interval === "1m") return candles;
  const size = INTERVAL_MS[interval];
  const out: Candle[] = [];
  for (const c of candles) {
    const t = Math.floor(c.t / size) * size;
    const last = out[out.length - 1];
    if (last && last.t === t) {
      last.h = Math.max(last.h, c.h);
      last.l = Math.min(last.l, c.l);
      last.c = c.c;
      last.v = Math.round((last.v + c.v) * 1e8) / 1e8;
    } else {
      out.push({ ...c, t });
    }
  }
  return out;
}

/**
 * Only the whole buckets of `interval` from CLOSED 1m candles (oldest first): a leading bucket that misses its
 * first minute and a trailing bucket whose last minute has not closed are dropped.
 */
export function wholeBars(closed1m: Candle[], interval: Interval): Candle[] {
  if (interval === "1m") return closed1m;
  const size = INTERVAL_MS[interval];
  const bars = aggregate(closed1m, interval);
  const first = closed1m[0];
  if (first && first.t % size !== 0) bars.shift();
  const last = closed1m[closed1m.length - 1];
  if (last && bars.length > 0 && bars[bars.length - 1]!.t + size > last.t + INTERVAL_MS["1m"]) bars.pop();
  return bars;
}
