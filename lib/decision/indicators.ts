// Technical indicators over closed candles (pure): EMA, RSI (Wilder), MACD (12/26/9), ATR (Wilder).
import type { Candle } from "@/lib/market/types";

/** Exponential moving average series (same length as input; seeded with the first value). */
export function ema(values: number[], period: number): number[] {
  const k = 2 / (period + 1);
  const out: number[] = [];
  values.forEach((v, i) => out.push(i === 0 ? v : v * k + out[i - 1]! * (1 - k)));
  return out;
}

/** Relative strength index (Wilder smoothing) of the last value; 50 when there is too little data. */
export function rsi(closes: number[], period = 14): number {
  if (closes.length <= period) return 50;
  let gain = 0;
  let loss = 0;
  for (let i = 1; i <= period; i++) {
    const d = closes[i]! - closes[i - 1]!;
    if (d >= 0) gain += d;
    else loss -= d;
  }
  gain /= period;
  loss /= period;
  for (let i = period + 1; i < closes.length; i++) {
    const d = closes[i]! - closes[i - 1]!;
    gain = (gain * (period - 1) + Math.max(d, 0)) / period;
    loss = (loss * (period - 1) + Math.max(-d, 0)) / period;
  }
  if (loss === 0) return gain === 0 ? 50 : 100;
  return 100 - 100 / (1 + gain / loss);
}

/** MACD line, signal line and histogram at the last candle. */
export function macd(closes: number[], fast = 12, slow = 26, signal = 9) {
  const fastE = ema(closes, fast);
  const slowE = ema(closes, slow);
  const line = closes.map((_, i) => fastE[i]! - slowE[i]!);
  const sig = ema(line, signal);
  const last = line.length - 1;
  return { macd: line[last] ?? 0, signal: sig[last] ?? 0, histogram: (line[last] ?? 0) - (sig[last] ?? 0) };
}

/** Average true range (Wilder) at the last candle. */
export function atr(candles: Candle[], period = 14): number {
  if (candles.length < 2) return 0;
  const tr = candles.slice(1).map((c, i) => {
    const prevClose = candles[i]!.c;
    return Math.max(c.h - c.l, Math.abs(c.h - prevClose), Math.abs(c.l - prevClose));
  });
  let value = tr.slice(0, period).reduce((a, b) => a + b, 0) / Math.min(period, tr.length);
  for (let i = period; i < tr.length; i++) value = (value * (period - 1) + tr[i]!) / period;
  return value;
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
  const closes = candles.map((c) => c.c);
  const m = macd(closes);
  return {
    close: closes[closes.length - 1] ?? 0,
    ema20: ema(closes, 20).at(-1) ?? 0,
    ema50: ema(closes, 50).at(-1) ?? 0,
    rsi14: rsi(closes, 14),
    macd: m.macd,
    macdSignal: m.signal,
    macdHistogram: m.histogram,
    atr14: atr(candles, 14),
  };
}
