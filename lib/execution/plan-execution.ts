// What one decision means for one account (pure): the confidence floor, close / keep / flip / open against the
// open position, and the entry's leverage, size and protective prices. The execute job (around its exchange
// calls) and the backtester (around its in-memory book) both call these, so the rules exist once.
import type { MarketLimits } from "@/lib/exchange/types";
import { clampLeverage, protectivePrices, sizePosition, type RiskLevel } from "./sizing";

type Side = "buy" | "sell";

/** Why a decision's confidence is below the account's floor, or null when it is not. */
export function confidenceSkip(confidence: number, minConfidence: number): string | null {
  return confidence < minConfidence
    ? `Confidence ${confidence.toFixed(2)} is below your minimum of ${minConfidence.toFixed(2)}.`
    : null;
}

/** What is open on the symbol, as far as these rules care. */
export interface OpenSide {
  side: "long" | "short";
  qty: number;
}

type Skip = { kind: "skip"; reason: string };
const closingSide = (p: OpenSide): Side => (p.side === "long" ? "sell" : "buy");

/** `close` flattens the open position (nothing to do without one). */
export function closeStep(position: OpenSide | null): Skip | { kind: "close"; side: Side; qty: number } {
  if (!position) return { kind: "skip", reason: "No open position to close." };
  return { kind: "close", side: closingSide(position), qty: position.qty };
}

/** One position per symbol: the same side keeps, the opposite side is closed first, then the entry opens. */
export function entryStep(
  side: Side,
  position: OpenSide | null,
): Skip | { kind: "open"; side: Side; closeFirst: { side: Side; qty: number } | null } {
  const want = side === "buy" ? "long" : "short";
  if (position?.side === want) return { kind: "skip", reason: `Already ${want}: keeping the open position.` };
  return {
    kind: "open",
    side,
    closeFirst: position ? { side: closingSide(position), qty: position.qty } : null,
  };
}

/** Everything sizing an entry depends on. */
export interface EntryInput {
  side: Side;
  /** The latest price (the market order fills near it). */
  price: number;
  balance: { equity: number; available: number };
  decision: { leverage: number; stopLoss: number | null; takeProfit: number | null };
  settings: { maxLeverage: number; riskLevel: RiskLevel };
  planMaxLeverage: number;
  limits: MarketLimits;
}

/** The entry order, or why none is placed. */
export type EntryPlan =
  | { ok: false; reason: string }
  | { ok: true; qty: number; leverage: number; stopLoss: number; takeProfit: number };

/** Leverage ≤ min(decision, user, plan, market); size from equity at the stop distance; SL/TP prices. */
export function planEntry(input: EntryInput): EntryPlan {
  const { decision, settings, limits, price } = input;
  const leverage = clampLeverage(
    decision.leverage,
    settings.maxLeverage,
    input.planMaxLeverage,
    limits.maxLeverage,
  );
  const stopFraction = decision.stopLoss ?? 0.01;
  const size = sizePosition({
    equity: input.balance.equity,
    available: input.balance.available,
    price,
    stopFraction,
    leverage,
    riskLevel: settings.riskLevel,
    limits,
  });
  if (!size.ok) return size;
  const { stopLoss, takeProfit } = protectivePrices(
    input.side,
    price,
    stopFraction,
    decision.takeProfit ?? stopFraction * 2,
    limits.priceTick,
  );
  // On the market's tick a very tight stop or target can round onto (or past) the entry: never send that.
  const ordered =
    input.side === "buy" ? stopLoss < price && price < takeProfit : takeProfit < price && price < stopLoss;
  if (!(stopLoss > 0) || !(takeProfit > 0) || !ordered)
    return {
      ok: false,
      reason: `Stop loss ${stopLoss} or take profit ${takeProfit} is not on the right side of ${price}: no position opened.`,
    };
  return { ok: true, qty: size.qty, leverage, stopLoss, takeProfit };
}
