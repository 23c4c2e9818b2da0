// Exchange-side exits of the paper exchange (pure): which stop loss, take profit or liquidation a candle
// triggers for a position. Shared by the paper worker and the backtester, so both apply the same rules.
import type { Candle } from "@/lib/market/types";
import { pnl, takerFee } from "./math";

const MINUTE = 60_000;

/** What an exit needs to know of a position. */
export interface ExitPosition {
  side: "long" | "short";
  stopLoss: number | null;
  takeProfit: number | null;
  liquidationPrice: number | null;
  openedAt: Date;
}

export type Exit = { reason: "stop_loss" | "take_profit" | "liquidation"; price: number };

/**
 * Which exit (if any) this 1m candle triggers. A candle that ended before the position opened never touches
 * it; the candle the position opened in counts only its close (its earlier range happened before the entry).
 * A long's stop sits above its liquidation price, so the stop is hit first; when a candle crosses both stop
 * and target, the stop fills (the conservative reading).
 */
export function exitFor(pos: ExitPosition, candle: Candle): Exit | null {
  const opened = pos.openedAt.getTime();
  if (candle.t + MINUTE <= opened) return null;
  const fromOpen = candle.t >= opened;
  const high = fromOpen ? candle.h : candle.c;
  const low = fromOpen ? candle.l : candle.c;
  const long = pos.side === "long";
  const adverse = long ? low : high;
  const favourable = long ? high : low;
  const crossedAdverse = (p: number) => (long ? adverse <= p : adverse >= p);
  const crossedFavourable = (p: number) => (long ? favourable >= p : favourable <= p);
  const liq = pos.liquidationPrice;
  const slBeforeLiq =
    pos.stopLoss !== null && (liq === null || (long ? pos.stopLoss > liq : pos.stopLoss < liq));
  if (pos.stopLoss !== null && slBeforeLiq && crossedAdverse(pos.stopLoss))
    return { reason: "stop_loss", price: pos.stopLoss };
  if (liq !== null && crossedAdverse(liq)) return { reason: "liquidation", price: liq };
  if (pos.takeProfit !== null && crossedFavourable(pos.takeProfit))
    return { reason: "take_profit", price: pos.takeProfit };
  return null;
}

/** When an exit on this candle happened: now for the forming candle, its close time for an older one. */
export function exitTimeFor(candle: Candle, now = Date.now()): Date {
  return new Date(Math.min(now, candle.t + MINUTE));
}

/**
 * What an exit books: PnL at the exit price less the taker fee; a liquidation loses the whole isolated margin
 * (the remainder goes to the insurance fund) and pays no fee.
 */
export function exitBooking(
  pos: { side: "long" | "short"; qty: number; entryPrice: number; margin: number },
  exit: Exit,
  takerFeeRate: number,
): { realized: number; fee: number } {
  if (exit.reason === "liquidation") return { realized: -pos.margin, fee: 0 };
  return {
    realized: pnl(pos.side, pos.qty, pos.entryPrice, exit.price),
    fee: takerFee(pos.qty, exit.price, takerFeeRate),
  };
}
