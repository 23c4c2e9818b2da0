// Position sizing and clamps (pure): size from equity and risk level at the stop distance, rounded to the
// market's limits; leverage ≤ min(decision, user max, plan max, market max).
import type { MarketLimits } from "@/lib/exchange/types";

import type { RiskLevel } from "@/lib/trading/risk-level";
export type { RiskLevel };

/** Share of equity put at risk between entry and stop, by risk level. */
export const RISK_FRACTION: Record<RiskLevel, number> = { low: 0.005, medium: 0.01, high: 0.02 };

/** Stops tighter than this never size a position (defence in depth: decisions are bounded when made). */
export const MIN_SIZING_STOP = 0.001;

/** Share of free margin an order may use (room for fees and slippage). */
export const MARGIN_USE = 0.95;

/** The leverage an order gets. */
export function clampLeverage(decision: number, userMax: number, planMax: number, marketMax: number): number {
  return Math.max(1, Math.floor(Math.min(decision, userMax, planMax, marketMax)));
}

export type SizeResult = { ok: true; qty: number } | { ok: false; reason: string };

/** Round down to the step without float dust (0.1 + 0.2 style). */
export function roundDownToStep(qty: number, step: number): number {
  const decimals = Math.max(0, Math.ceil(-Math.log10(step)));
  const steps = Math.floor(qty / step + 1e-9);
  return Number((steps * step).toFixed(decimals));
}

/** Order quantity for a new position, or why there is none. */
export function sizePosition(input: {
  equity: number;
  available: number;
  price: number;
  stopFraction: number;
  leverage: number;
  riskLevel: RiskLevel;
  limits: Pick<MarketLimits, "minQty" | "qtyStep" | "minNotional">;
}): SizeResult {
  const { equity, available, price, stopFraction, leverage, limits } = input;
  if (!(price > 0) || !(stopFraction > 0))
    return { ok: false, reason: "No usable price or stop distance for sizing." };
  if (stopFraction < MIN_SIZING_STOP)
    return {
      ok: false,
      reason: `The stop distance ${(stopFraction * 100).toFixed(3)} % is below the ${MIN_SIZING_STOP * 100} % minimum: no position opened.`,
    };
  const byRisk = (equity * RISK_FRACTION[input.riskLevel]) / (price * stopFraction);
  const byMargin = (Math.max(0, available) * MARGIN_USE * leverage) / price;
  const qty = roundDownToStep(Math.min(byRisk, byMargin), limits.qtyStep);
  if (qty < limits.minQty || qty * price < limits.minNotional) {
    const min = Math.max(limits.minQty, limits.minNotional / price);
    return {
      ok: false,
      reason: `Position size ${qty} is below the exchange minimum of ${Number(min.toPrecision(3))} for this market (equity ${equity.toFixed(2)} USDT).`,
    };
  }
  return { ok: true, qty };
}

/** A price on the market's tick grid (the nearest tick; no float dust). */
export function roundToTick(price: number, tick: number): number {
  const decimals = Math.max(0, Math.ceil(-Math.log10(tick) - 1e-9));
  return Number((Math.round(price / tick) * tick).toFixed(decimals));
}

/** Absolute stop-loss and take-profit prices for an entry, on the market's price tick. */
export function protectivePrices(
  side: "buy" | "sell",
  entry: number,
  stopFraction: number,
  takeFraction: number,
  tick = 0.01,
) {
  const dir = side === "buy" ? 1 : -1;
  return {
    stopLoss: roundToTick(entry * (1 - dir * stopFraction), tick),
    takeProfit: roundToTick(entry * (1 + dir * takeFraction), tick),
  };
}
