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
}

/** 15m bars of the efficiency ratio (4 hours). */
export const ER_BARS = 16;

// Mean of the last `n` values at each index (null before n values).
function sma(values: number[], n: number): (number | null)[] {
  let sum = 0;
  return values.map((v, i) => {
    sum += v;
    if (i >= n) sum -= values[i - n]!;
    return i >= n - 1 ? sum / n : null;
  });
}

// Mean true range of the last `n` bars (a bar's true range needs the close before it: known from index n on).
function meanTrueRange(bars: Candle[], n: number): (number | null)[] {
  const tr = bars.map((c, i) => {
    const prev = i > 0 ? bars[i - 1]!.c : c.c;
    return Math.max(c.h - c.l, Math.abs(c.h - prev), Math.abs(c.l - prev));
  });
  return sma(tr, n).map((v, i) => (i >= n ? v : null));
}

// RSI from the mean gain and loss of the last `n` changes (Cutler's: no smoothing memory).
function cutlerRsi(closes: number[], n: number): (number | null)[] {
  const gains = closes.map((c, i) => (i > 0 ? Math.max(c - closes[i - 1]!, 0) : 0));
  const losses = closes.map((c, i) => (i > 0 ? Math.max(closes[i - 1]! - c, 0) : 0));
  const g = sma(gains, n);
  const l = sma(losses, n);
  return closes.map((_, i) => {
    if (i < n) return null;
    const gain = g[i]!;
    const loss = l[i]!;
    return loss === 0 ? (gain === 0 ? 50 : 100) : 100 - 100 / (1 + gain / loss);
  });
}

// Net move / path length of the last `n` closes.
function efficiency(closes: number[], n: number): (number | null)[] {
  return closes.map((c, k) => {
    if (k < n) return null;
    let path = 0;
    for (let i = k - n + 1; i <= k; i++) path += Math.abs(closes[i]! - closes[i - 1]!);
    return path > 0 ? Math.abs(c - closes[k - n]!) / path : 0;
  });
}

// For each 5m bar, the value of the newest `interval` bar that had closed when the 5m bar closed.
function asOf<T>(bars5m: Candle[], higher: Candle[], interval: Interval, values: (T | null)[]): (T | null)[] {
  const size = INTERVAL_MS[interval];
  let k = -1;
  return bars5m.map((b) => {
    const end = b.t + INTERVAL_MS["5m"];
    while (k + 1 < higher.length && higher[k + 1]!.t + size <= end) k++;
    return k >= 0 ? (values[k] ?? null) : null;
  });
}

// The risk levels of one tick ask for the same view one after another: one slot is enough (and, unlike a
// WeakMap, keeps nothing alive past the next tick).
let last: { view: MarketView; series: StrategySeries } | null = null;

/** The strategy's series for a view (computed once per view object). */
export function strategySeries(view: MarketView): StrategySeries {
  if (last?.view === view) return last.series;
  const bars = view.closed5m;
  const closes = bars.map((b) => b.c);
  const c15 = view.closed15m.map((b) => b.c);
  const f15 = sma(c15, 20);
  const s15 = sma(c15, 50);
  const c1h = view.closed1h.map((b) => b.c);
  const series: StrategySeries = {
    bars,
    sma20: sma(closes, 20),
    sma50: sma(closes, 50),
    rsi: cutlerRsi(closes, 14),
    atr: meanTrueRange(bars, 14),
    gap15m: asOf(
      bars,
      view.closed15m,
      "15m",
      c15.map((_, k) => (s15[k] ? (f15[k]! - s15[k]) / s15[k] : null)),
    ),
    er15m: asOf(bars, view.closed15m, "15m", efficiency(c15, ER_BARS)),
    atr1h: asOf(bars, view.closed1h, "1h", meanTrueRange(view.closed1h, 14)),
    change24h: asOf(
      bars,
      view.closed1h,
      "1h",
      c1h.map((c, k) => (k >= 24 ? c / c1h[k - 24]! - 1 : null)),
    ),
  };
  last = { view, series };
  return series;
}
