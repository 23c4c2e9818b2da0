// An accepted alert's decision numbers (pure): the stop, target and leverage it asks for — or the documented
// defaults — through the same leverage cap and sanity bounds as every provider's decision (finalizeDecision), so
// a hostile 1e-7 stop or a 150 % target is refused here exactly as it would be from the LLM.
import { RISK_LEVERAGE_CAP } from "@/lib/decision/decide-group";
import { finalizeDecision, minStopFraction, type SanityContext } from "@/lib/decision/sanity";
import type { DecisionOutput } from "@/lib/decision/schema";
import type { RiskLevel } from "@/lib/trading/risk-level";
import type { SignalAlert } from "./parse-alert";

/** The stop an alert without one gets: 1 %, or the market's floor when that is wider. */
export const DEFAULT_SIGNAL_STOP = 0.01;
/** The target an alert without one gets: this many times its stop. */
export const DEFAULT_TARGET_MULTIPLE = 2;

/** What the bounds and defaults depend on besides the alert. */
export interface SignalContext {
  riskLevel: RiskLevel;
  /** The user's max leverage for the symbol (the default when the alert names none). */
  maxLeverage: number;
  roundTripCost: number;
  volatility: number;
}

/** The decision an alert becomes, or why its numbers are refused. */
export function signalDecision(
  alert: SignalAlert,
  ctx: SignalContext,
  label: string,
): { ok: true; decision: DecisionOutput } | { ok: false; reason: string } {
  const sanity: SanityContext = {
    roundTripCost: ctx.roundTripCost,
    volatility: ctx.volatility,
    leverageCap: RISK_LEVERAGE_CAP[ctx.riskLevel],
  };
  const stop = alert.stopLoss ?? Math.max(DEFAULT_SIGNAL_STOP, Number(minStopFraction(sanity).toFixed(4)));
  const out = finalizeDecision(
    {
      action: alert.action,
      confidence: 1,
      leverage: alert.leverage ?? ctx.maxLeverage,
      stop_loss: stop,
      take_profit: alert.takeProfit ?? stop * DEFAULT_TARGET_MULTIPLE,
      reason: label,
    },
    sanity,
  );
  if (out.violation) return { ok: false, reason: `Unsafe signal: ${out.violation}.` };
  return { ok: true, decision: out.decision };
}
