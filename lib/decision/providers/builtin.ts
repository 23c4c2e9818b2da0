// The built-in strategy (no LLM): EMA20/EMA50 trend, RSI14 filter, MACD momentum, ATR-based stop and target.
import type { RiskLevel } from "../build-prompt";
import type { MarketView } from "../market-view";
import type { DecisionOutput } from "../schema";

const PROFILE: Record<RiskLevel, { leverage: number; stopAtr: number; rr: number; minScore: number }> = {
  low: { leverage: 2, stopAtr: 1.5, rr: 1.5, minScore: 3 },
  medium: { leverage: 3, stopAtr: 2, rr: 2, minScore: 2 },
  high: { leverage: 5, stopAtr: 2.5, rr: 2.5, minScore: 2 },
};

/** Deterministic decision from the market view: same input, same output. Stops never below `minStop`. */
export function builtinDecision(
  view: MarketView,
  riskLevel: RiskLevel,
  leverageCap: number,
  minStop: number,
): DecisionOutput {
  const ind = view.m1;
  const p = PROFILE[riskLevel];
  const trend = ind.ema20 > ind.ema50 ? 1 : ind.ema20 < ind.ema50 ? -1 : 0;
  const momentum = ind.macdHistogram > 0 ? 1 : ind.macdHistogram < 0 ? -1 : 0;
  const rsiVote = ind.rsi14 < 35 ? 1 : ind.rsi14 > 65 ? -1 : 0;
  const score = trend + momentum + rsiVote;
  const stop = Math.min(0.1, Math.max(minStop, (p.stopAtr * ind.atr14) / ind.close));
  const leverage = Math.max(1, Math.min(p.leverage, leverageCap));
  const base = { leverage, stop_loss: roundUp(stop), take_profit: roundUp(Math.min(0.5, stop * p.rr)) };
  const detail = `EMA20 ${ind.ema20.toFixed(1)} vs EMA50 ${ind.ema50.toFixed(1)}, RSI14 ${ind.rsi14.toFixed(1)}, MACD histogram ${ind.macdHistogram.toFixed(2)}`;
  const confidence = round(Math.min(0.95, 0.5 + 0.15 * Math.abs(score)));
  if (ind.rsi14 > 80 || ind.rsi14 < 20) {
    return {
      ...base,
      action: "close",
      confidence: 0.7,
      reason: `RSI14 at ${ind.rsi14.toFixed(1)} is extreme: take risk off. ${detail}.`,
    };
  }
  if (score >= p.minScore) {
    return {
      ...base,
      action: "buy",
      confidence,
      reason: `Uptrend with bullish momentum (score ${score}). ${detail}.`,
    };
  }
  if (score <= -p.minScore) {
    return {
      ...base,
      action: "sell",
      confidence,
      reason: `Downtrend with bearish momentum (score ${score}). ${detail}.`,
    };
  }
  return {
    ...base,
    action: "hold",
    confidence: round(0.5 - 0.1 * Math.abs(score)),
    reason: `Mixed signals (score ${score}). ${detail}.`,
  };
}

const round = (n: number) => Math.round(n * 10_000) / 10_000;
// Stops and targets round away from the entry, so rounding never takes them under the floor.
const roundUp = (n: number) => Math.ceil(n * 10_000 - 1e-9) / 10_000;
