// What a decision sees of the market (pure): indicators on the 1m and 5m series, the trend of the derived 15m
// and 1h series, and the few recent bars the prompt shows. Built only from CLOSED 1m candles, so the live loop
// and the backtester give a provider exactly the same view of the same candles.
import { wholeBars } from "@/lib/market/aggregate";
import type { Candle } from "@/lib/market/types";
import { computeIndicators, ema, type IndicatorSnapshot } from "./indicators";

/** Minimum closed 1m candles for a decision (indicators need a warm-up). */
export const MIN_DECISION_CANDLES = 30;

/** 5m bars and 1m rows the prompt shows (the last hour plus the last minutes; trends cover the longer view). */
export const PROMPT_BARS_5M = 12;
export const PROMPT_ROWS_1M = 3;

/** EMA20 vs EMA50 of a series: 1 up, -1 down, 0 flat; null when the series is too short to tell. */
export type Trend = -1 | 0 | 1;

export interface MarketView {
  /** Open time of the newest closed 1m candle (where a chart marker goes). */
  candleTime: number;
  close: number;
  m1: IndicatorSnapshot;
  /** Indicators on whole 5m bars (null with fewer than 30 of them). */
  m5: IndicatorSnapshot | null;
  trend15m: Trend | null;
  trend1h: Trend | null;
  /** The newest whole 5m bars and closed 1m candles, oldest first (what the prompt shows). */
  bars5m: Candle[];
  /** Every whole 5m / 15m / 1h bar of the history, oldest first (the built-in strategy's series). */
  closed5m: Candle[];
  closed15m: Candle[];
  closed1h: Candle[];
  last1m: Candle[];
}

function trendOf(bars: Candle[]): Trend | null {
  if (bars.length < 50) return null;
  const closes = bars.map((b) => b.c);
  const fast = ema(closes, 20).at(-1)!;
  const slow = ema(closes, 50).at(-1)!;
  const gap = (fast - slow) / slow;
  // Within 0.02 % the two averages are the same line: no trend.
  return Math.abs(gap) < 0.0002 ? 0 : gap > 0 ? 1 : -1;
}

/** The view of the market from closed 1m candles (oldest first); null when there are too few. */
export function marketView(closed1m: Candle[]): MarketView | null {
  if (closed1m.length < MIN_DECISION_CANDLES) return null;
  const last = closed1m[closed1m.length - 1]!;
  const bars5m = wholeBars(closed1m, "5m");
  // Built from the whole 5m bars: the same buckets and closes as from the 1m candles, at a fifth of the work.
  const bars15m = wholeBars(bars5m, "15m", "5m");
  const bars1h = wholeBars(bars5m, "1h", "5m");
  return {
    candleTime: last.t,
    close: last.c,
    m1: computeIndicators(closed1m.slice(-500)),
    m5: bars5m.length >= MIN_DECISION_CANDLES ? computeIndicators(bars5m.slice(-500)) : null,
    trend15m: trendOf(bars15m),
    trend1h: trendOf(bars1h),
    bars5m: bars5m.slice(-PROMPT_BARS_5M),
    closed5m: bars5m,
    closed15m: bars15m,
    closed1h: bars1h,
    last1m: closed1m.slice(-PROMPT_ROWS_1M),
  };
}

/** Volatility of the decision timeframe as a fraction of price: 5m ATR, else 1m ATR scaled to 5 minutes. */
export function volatilityFraction(view: MarketView): number {
  const atr = view.m5 ? view.m5.atr14 : view.m1.atr14 * Math.sqrt(5);
  return view.close > 0 ? atr / view.close : 0;
}
