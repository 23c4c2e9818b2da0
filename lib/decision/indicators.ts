// Technical indicators over closed candles (pure): EMA, RSI (Wilder), MACD (12/26/9), ATR (Wilder).
import type { Candle } from "@/lib/market/types";

/** Exponential moving average series (same length as input; seeded with the first value). */
export function ema(values: number[], period: number): number[] {
  const k = 2 / (period + 1);
  const out = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++)
    out[i] = i === 0 ? values[0]! : values[i]! * k + out[i - 1]! * (1 - k);
  return out;
}

/** The last value of `ema(values, period)` without building the series (the same arithmetic, step by step). */
export function emaLast(values: number[], period: number): number | undefined {
  const k = 2 / (period + 1);
  let out: number | undefined;
  for (let i = 0; i < values.length; i++) out = i === 0 ? values[0]! : values[i]! * k + out! * (1 - k);
  return out;
}

/** RSI (Wilder smoothing) at every index: `out[i]` is the RSI of `closes[0..i]`; 50 while there is too little data. */
export function rsiSeries(closes: number[], period = 14): number[] {
  const out = new Array<number>(closes.length).fill(50);
  if (closes.length <= period) return out;
  let gain = 0;
  let loss = 0;
  for (let i = 1; i <= period; i++) {
    const d = closes[i]! - closes[i - 1]!;
    if (d >= 0) gain += d;
    else loss -= d;
  }
  gain /= period;
  loss /= period;
  const value = () => (loss === 0 ? (gain === 0 ? 50 : 100) : 100 - 100 / (1 + gain / loss));
  out[period] = value();
  for (let i = period + 1; i < closes.length; i++) {
    const d = closes[i]! - closes[i - 1]!;
    gain = (gain * (period - 1) + Math.max(d, 0)) / period;
    loss = (loss * (period - 1) + Math.max(-d, 0)) / period;
    out[i] = value();
  }
  return out;
}

/** Relative strength index (Wilder smoothing) of the last value; 50 when there is too little data. */
export function rsi(closes: number[], period = 14): number {
  return closes.length <= period ? 50 : rsiSeries(closes, period)[closes.length - 1]!;
}

/** MACD line, signal line and histogram at the last candle. */
export function macd(closes: number[], fast = 12, slow = 26, signal = 9) {
  // One pass with the running averages: the same values as EMAs of the whole series (see `ema`).
  const kf = 2 / (fast + 1);
  const ks = 2 / (slow + 1);
  const kg = 2 / (signal + 1);
  let f = 0;
  let s = 0;
  let line = 0;
  let sig = 0;
  for (let i = 0; i < closes.length; i++) {
    const c = closes[i]!;
    f = i === 0 ? c : c * kf + f * (1 - kf);
    s = i === 0 ? c : c * ks + s * (1 - ks);
    line = f - s;
    sig = i === 0 ? line : line * kg + sig * (1 - kg);
  }
  return closes.length
    ? { macd: line, signal: sig, histogram: line - sig }
    : { macd: 0, signal: 0, histogram: 0 };
}

/** Average true range (Wilder) at every index: `out[i]` is the ATR of `candles[0..i]` (0 at the first). */
export function atrSeries(candles: Candle[], period = 14): number[] {
  const out = new Array<number>(candles.length).fill(0);
  let sum = 0;
  let value = 0;
  for (let i = 1; i < candles.length; i++) {
    const c = candles[i]!;
    const prevClose = candles[i - 1]!.c;
    const tr = Math.max(c.h - c.l, Math.abs(c.h - prevClose), Math.abs(c.l - prevClose));
    if (i <= period) {
      sum += tr;
      value = sum / i;
    } else value = (value * (period - 1) + tr) / period;
    out[i] = value;
  }
  return out;
}

/** Average true range (Wilder) at the last candle. */
export function atr(candles: Candle[], period = 14): number {
  return candles.length < 2 ? 0 : atrSeries(candles, period)[candles.length - 1]!;
}

export interface IndicatorSnapshot {
  close: number;
  ema20: number;
  ema50: number;
  rsi14: number;
  macd: number;
  macdSignal: number;
  macdHistogram: number;
  atr14: number;
}

/** All the indicators the prompt and the built-in strategy use, at the last closed candle. */
export function computeIndicators(candles: Candle[]): IndicatorSnapshot {
  const closes = new Array<number>(candles.length);
  for (let i = 0; i < candles.length; i++) closes[i] = candles[i]!.c;
  const m = macd(closes);
  return {
    close: closes[closes.length - 1] ?? 0,
    ema20: emaLast(closes, 20) ?? 0,
    ema50: emaLast(closes, 50) ?? 0,
    rsi14: rsi(closes, 14),
    macd: m.macd,
    macdSignal: m.signal,
    macdHistogram: m.histogram,
    atr14: atr(candles, 14),
  };
}
