// Output sanity beyond the schema (pure): a schema-valid answer can still be dangerous — a 0.00001 % stop makes
// risk sizing unbounded, a 150 % target on a short is a negative price. Every provider's answer (built-in, LLM,
// backtest) passes through `finalizeDecision`; a violation becomes a hold that names the cause.
import { holdDecision, type DecisionOutput } from "./schema";

/** Stop distances above this are not a stop for a one-tick horizon (10 %). */
export const MAX_STOP_FRACTION = 0.1;
/** Targets above this are refused (50 %): a short's target price must stay well above zero. */
export const MAX_TAKE_PROFIT_FRACTION = 0.5;
/** A stop must be at least this many round trips away: a stop-out then costs at most half again in fees. */
export const STOP_COST_MULTIPLE = 2;
/** A stop must be at least this many ATRs (decision timeframe) away, or noise takes it out. */
export const STOP_ATR_MULTIPLE = 1;
/** A stop must sit inside this share of the liquidation distance (1 / leverage). */
export const LIQUIDATION_SHARE = 0.8;
/** Reward/risk floor: the target is at least as far as the stop. */
export const MIN_REWARD_RISK = 1;

/** What the bounds depend on: the cost of a round trip and the market's volatility, as fractions of price. */
export interface SanityContext {
  roundTripCost: number;
  volatility: number;
  leverageCap: number;
}

/** The smallest stop distance a decision may use in this market (fraction of price). */
export function minStopFraction(ctx: Pick<SanityContext, "roundTripCost" | "volatility">): number {
  return Math.max(STOP_COST_MULTIPLE * ctx.roundTripCost, STOP_ATR_MULTIPLE * ctx.volatility);
}

const pct = (x: number) => `${(x * 100).toFixed(x < 0.01 ? 3 : 2)} %`;

/** Why a decision's numbers are unsafe, or null when they are fine (only buy/sell carry a stop and target). */
export function sanityViolation(d: DecisionOutput, ctx: SanityContext): string | null {
  if (d.action !== "buy" && d.action !== "sell") return null;
  const floor = minStopFraction(ctx);
  if (!(d.stop_loss >= floor))
    return `stop_loss ${pct(d.stop_loss)} is tighter than the floor of ${pct(floor)} (costs and volatility)`;
  if (d.stop_loss > MAX_STOP_FRACTION)
    return `stop_loss ${pct(d.stop_loss)} is wider than the maximum of ${pct(MAX_STOP_FRACTION)}`;
  if (d.stop_loss >= LIQUIDATION_SHARE / d.leverage)
    return `stop_loss ${pct(d.stop_loss)} lies beyond the liquidation distance at ${d.leverage}x`;
  if (d.take_profit > MAX_TAKE_PROFIT_FRACTION)
    return `take_profit ${pct(d.take_profit)} is beyond the maximum of ${pct(MAX_TAKE_PROFIT_FRACTION)}`;
  if (d.take_profit < d.stop_loss * MIN_REWARD_RISK)
    return `take_profit ${pct(d.take_profit)} is closer than stop_loss ${pct(d.stop_loss)} (reward/risk below ${MIN_REWARD_RISK})`;
  return null;
}

/** A provider's schema-valid answer, with leverage clamped to the cap; unsafe numbers → hold with the cause. */
export function finalizeDecision(
  d: DecisionOutput,
  ctx: SanityContext,
): { decision: DecisionOutput; violation: string | null } {
  const clamped = { ...d, leverage: Math.max(1, Math.min(Math.floor(d.leverage), ctx.leverageCap)) };
  const violation = sanityViolation(clamped, ctx);
  if (violation) return { decision: holdDecision(`Unsafe answer (${violation}): holding.`), violation };
  return { decision: clamped, violation: null };
}
