// The series the built-in strategy reads (pure): at every whole 5m bar of the market view, indicators over a
// fixed number of bars (simple averages, Cutler's RSI, the mean true range), with the derived 15m trend and the
// 1h volatility and 24-hour direction as they stood when that 5m bar closed. A value depends only on its own
// window of bars, never on where the view's history starts, so the strategy's replay of its own past entries
// comes out the same at every tick. Computed once per view (the risk levels of one tick share it).
import { INTERVAL_MS, type Candle, type Interval } from "@/lib/market/types";
import type { MarketView } from "../market-view";

export interface StrategySeries {
  bars: Candle[];
  /** 5m: simple moving averages of 20 and 50 closes, RSI14 (Cutler), mean true range of 14 bars (null until known). */
  sma20: (number | null)[];
  sma50: (number | null)[];
  rsi: (number | null)[];
  atr: (number | null)[];
  /** 15m: (SMA20 − SMA50) / SMA50 and the efficiency ratio of the last 16 closes (4 h), at each 5m bar's close. */
  gap15m: (number | null)[];
  er15m: (number | null)[];
  /** 1h: mean true range of 14 bars, and the change of the close over the last 24 bars, at each 5m bar's close. */
  atr1h: (number | null)[];
  change24h: (number | null)[];
  /** Per bar, the level-independent part of the entry rules, filled in by builtin-rules as it is read. */
  setupCache: (1 | -1 | string | undefined)[];
}

/** 15m bars of the efficiency ratio (4 hours). */
export const ER_BARS = 16;

// (Plain loops over preallocated arrays: these run for every 5m bar at every tick of every backtest.)

// Mean of the last `n` values at each index (null before n values).
function sma(values: number[], n: number): (number | null)[] {
  const out = new Array<number | null>(values.length);
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    sum += values[i]!;
    if (i >= n) sum -= values[i - n]!;
    out[i] = i >= n - 1 ? sum / n : null;
  }
  return out;
}

// Mean true range of the last `n` bars (a bar's true range needs the close before it: known from index n on).
function meanTrueRange(bars: Candle[], n: number): (number | null)[] {
  const out = new Array<number | null>(bars.length);
  const tr = new Array<number>(bars.length);
  let sum = 0;
  for (let i = 0; i < bars.length; i++) {
    const c = bars[i]!;
    const prev = i > 0 ? bars[i - 1]!.c : c.c;
    tr[i] = Math.max(c.h - c.l, Math.abs(c.h - prev), Math.abs(c.l - prev));
    sum += tr[i]!;
    if (i >= n) sum -= tr[i - n]!;
    out[i] = i >= n ? sum / n : null;
  }
  return out;
}

// RSI from the mean gain and loss of the last `n` changes (Cutler's: no smoothing memory).
function cutlerRsi(closes: number[], n: number): (number | null)[] {
  const out = new Array<number | null>(closes.length);
  let gain = 0;
  let loss = 0;
  for (let i = 0; i < closes.length; i++) {
    if (i > 0) {
      const d = closes[i]! - closes[i - 1]!;
      if (d > 0) gain += d;
      else loss -= d;
    }
    if (i > n) {
      const d = closes[i - n]! - closes[i - n - 1]!;
      if (d > 0) gain -= d;
      else loss += d;
    }
    out[i] = i < n ? null : loss <= 1e-12 ? (gain <= 1e-12 ? 50 : 100) : 100 - 100 / (1 + gain / loss);
  }
  return out;
}

// Net move / path length of the last `n` closes.
function efficiency(closes: number[], n: number): (number | null)[] {
  const out = new Array<number | null>(closes.length);
  let path = 0;
  for (let k = 0; k < closes.length; k++) {
    if (k > 0) path += Math.abs(closes[k]! - closes[k - 1]!);
    if (k > n) path -= Math.abs(closes[k - n]! - closes[k - n - 1]!);
    out[k] = k < n ? null : path > 1e-12 ? Math.abs(closes[k]! - closes[k - n]!) / path : 0;
  }
  return out;
}

// For each 5m bar, the value of the newest `interval` bar that had closed when the 5m bar closed.
function asOf<T>(bars5m: Candle[], higher: Candle[], interval: Interval, values: (T | null)[]): (T | null)[] {
  const size = INTERVAL_MS[interval];
  const out = new Array<T | null>(bars5m.length);
  let k = -1;
  for (let j = 0; j < bars5m.length; j++) {
    const end = bars5m[j]!.t + INTERVAL_MS["5m"];
    while (k + 1 < higher.length && higher[k + 1]!.t + size <= end) k++;
    out[j] = k >= 0 ? (values[k] ?? null) : null;
  }
  return out;
}

const closesOf = (bars: Candle[]) => {
  const out = new Array<number>(bars.length);
  for (let i = 0; i < bars.length; i++) out[i] = bars[i]!.c;
  return out;
};

// The risk levels of one tick ask for the same view one after another: one slot is enough (and, unlike a
// WeakMap, keeps nothing alive past the next tick).
let last: { view: MarketView; series: StrategySeries } | null = null;

/** The strategy's series for a view (computed once per view object). */
export function strategySeries(view: MarketView): StrategySeries {
  if (last?.view === view) return last.series;
  const bars = view.closed5m;
  const closes = closesOf(bars);
  const c15 = closesOf(view.closed15m);
  const f15 = sma(c15, 20);
  const s15 = sma(c15, 50);
  const gap15 = new Array<number | null>(c15.length);
  for (let k = 0; k < c15.length; k++) gap15[k] = s15[k] ? (f15[k]! - s15[k]!) / s15[k]! : null;
  const c1h = closesOf(view.closed1h);
  const change = new Array<number | null>(c1h.length);
  for (let k = 0; k < c1h.length; k++) change[k] = k >= 24 ? c1h[k]! / c1h[k - 24]! - 1 : null;
  const series: StrategySeries = {
    bars,
    sma20: sma(closes, 20),
    sma50: sma(closes, 50),
    rsi: cutlerRsi(closes, 14),
    atr: meanTrueRange(bars, 14),
    gap15m: asOf(bars, view.closed15m, "15m", gap15),
    er15m: asOf(bars, view.closed15m, "15m", efficiency(c15, ER_BARS)),
    atr1h: asOf(bars, view.closed1h, "1h", meanTrueRange(view.closed1h, 14)),
    change24h: asOf(bars, view.closed1h, "1h", change),
    setupCache: new Array(bars.length),
  };
  last = { view, series };
  return series;
}
