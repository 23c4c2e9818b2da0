// The paper exchange's arithmetic (pure): fills, fees, isolated margin, liquidation price and PnL.
// Linear USDT perpetuals: notional = qty × price; all amounts in USDT.

export interface PaperRules {
  slippageBps: number;
  takerFee: number;
  maintenanceMargin: number;
}

/** Market fill: the latest price moved against the taker by the slippage. */
export function fillPrice(last: number, side: "buy" | "sell", slippageBps: number): number {
  const slip = slippageBps / 10_000;
  return side === "buy" ? last * (1 + slip) : last * (1 - slip);
}

/** Taker fee on one fill. */
export function takerFee(qty: number, price: number, rate: number): number {
  return qty * price * rate;
}

/** Isolated initial margin. */
export function initialMargin(qty: number, entry: number, leverage: number): number {
  return (qty * entry) / leverage;
}

/** Price at which the position's loss eats its margin down to the maintenance margin. */
export function liquidationPrice(
  side: "long" | "short",
  entry: number,
  leverage: number,
  mmr: number,
): number {
  return side === "long" ? entry * (1 - 1 / leverage + mmr) : entry * (1 + 1 / leverage - mmr);
}

/** PnL of `qty` closed (or marked) at `price`. */
export function pnl(side: "long" | "short", qty: number, entry: number, price: number): number {
  return side === "long" ? qty * (price - entry) : qty * (entry - price);
}

/** Round to 8 decimals (the DECIMAL(24,8) columns) to keep sums exact across reads. */
export function r8(n: number): number {
  return Math.round(n * 1e8) / 1e8;
}

/** Round a quantity down to the step, tolerant of float noise (0.30000000004 → 0.3). */
export function floorToStep(qty: number, step: number): number {
  return r8(Math.floor(qty / step + 1e-9) * step);
}

/** Cost of opening and closing a position as a fraction of its notional: two taker fees and two slippages. */
export function roundTripCost(rules: Pick<PaperRules, "slippageBps" | "takerFee">): number {
  return 2 * (rules.takerFee + rules.slippageBps / 10_000);
}
