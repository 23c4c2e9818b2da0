// What a paper market order does to an account, computed from the locked state (pure): fill at the latest price
// plus slippage, taker fee, isolated margin, one net position per symbol (opposite side reduces, closes or
// flips). place-order.ts reads the state and writes the result, for many accounts at once.
import type { ExchangeAccount, PaperLedgerEntry, Position } from "@/db/schema";
import type { Candle } from "@/lib/market/types";
import type { PlaceOrderInput } from "../types";
import { PAPER_LIMITS } from "./limits";
import {
  fillPrice,
  floorToStep,
  initialMargin,
  liquidationPrice,
  pnl,
  r8,
  takerFee,
  type PaperRules,
} from "./math";

export interface OrderState {
  account: Pick<ExchangeAccount, "id" | "userId" | "paperBalance">;
  /** The account's open positions (all symbols): the one for the order's symbol and the margin in use. */
  openPositions: Position[];
  candle: Candle | null;
  rules: PaperRules;
}

/** The paper_orders row to insert (without account and client order id, which the caller knows). */
export interface OrderRow {
  symbol: string;
  side: "buy" | "sell";
  qty: number;
  price: number | null;
  fee: number;
  realizedPnl: number;
  reduceOnly: boolean;
  leverage: number;
  stopLoss: number | null;
  takeProfit: number | null;
  status: "filled" | "rejected";
  reason: string | null;
}

/** The columns an order may change on an existing position (`status` last: it is what closes the row). */
export const POSITION_UPDATE_FIELDS = [
  "qty",
  "entryPrice",
  "leverage",
  "margin",
  "liquidationPrice",
  "stopLoss",
  "takeProfit",
  "fees",
  "realizedPnl",
  "closePrice",
  "closeReason",
  "closedAt",
  "openKey",
  "status",
] as const satisfies ReadonlyArray<keyof Position>;

/** A position's values after the order (the whole mutable row, so all updates share one shape). */
export type PositionUpdate = Pick<Position, "id" | (typeof POSITION_UPDATE_FIELDS)[number]>;

/** The key that makes a position the open one of its account and symbol (null once closed). */
export const openKeyFor = (accountId: number, symbol: string) => `${accountId}:${symbol}`;

export type NewPosition = Omit<PositionUpdate, "id" | "closePrice" | "closeReason" | "closedAt"> & {
  userId: number;
  exchangeAccountId: number;
  symbol: string;
  side: Position["side"];
};

/** A balance change and the ledger row it writes; `position` is the existing id or "new" (the opened one). */
export interface LedgerMove {
  type: PaperLedgerEntry["type"];
  amount: number;
  balanceAfter: number;
  position: number | "new";
}

export type OrderPlan =
  | { kind: "rejected"; row: OrderRow; error: "rejected" | "insufficient_balance" }
  | {
      kind: "filled";
      row: OrderRow;
      update: PositionUpdate | null;
      insert: NewPosition | null;
      moves: LedgerMove[];
      balance: number;
    };

/** Plan one market order against the account's locked state. */
export function planPaperOrder(state: OrderState, input: PlaceOrderInput, leverage: number): OrderPlan {
  const { account, candle, rules } = state;
  const base = {
    symbol: input.symbol,
    side: input.side,
    reduceOnly: Boolean(input.reduceOnly),
    leverage,
    stopLoss: null,
    takeProfit: null,
    fee: 0,
    realizedPnl: 0,
    price: null,
  };
  const reject = (reason: string, error: "rejected" | "insufficient_balance" = "rejected"): OrderPlan => ({
    kind: "rejected",
    row: { ...base, qty: r8(input.qty), status: "rejected", reason },
    error,
  });
  if (!candle) return reject(`No price for ${input.symbol} yet: the market feed has not written a candle`);
  const qty = floorToStep(input.qty, PAPER_LIMITS.qtyStep);
  if (qty < PAPER_LIMITS.minQty) return reject(`Quantity is below the minimum of ${PAPER_LIMITS.minQty}`);
  const fill = fillPrice(candle.c, input.side, rules.slippageBps);
  const orderSide = input.side === "buy" ? "long" : "short";
  const pos = state.openPositions.find((p) => p.symbol === input.symbol) ?? null;
  const reducing = pos !== null && pos.side !== orderSide;
  if (input.reduceOnly && !reducing) return reject("Reduce-only order with no opposite position to reduce");
  const closeQty = reducing ? Math.min(qty, pos.qty) : 0;
  const openQty = input.reduceOnly ? 0 : r8(qty - closeQty);
  if (openQty > 0 && openQty * fill < PAPER_LIMITS.minNotional)
    return reject(`Order value is below the minimum of ${PAPER_LIMITS.minNotional} USDT`);

  // Money check for the opening part, after the closing part has released its margin.
  const closePnl = reducing ? pnl(pos.side, closeQty, pos.entryPrice, fill) : 0;
  const closeFee = takerFee(closeQty, fill, rules.takerFee);
  const openFee = takerFee(openQty, fill, rules.takerFee);
  const lev = pos && !reducing ? pos.leverage : leverage;
  const openMargin = openQty > 0 ? initialMargin(openQty, fill, lev) : 0;
  const used = state.openPositions.reduce((sum, p) => sum + p.margin, 0);
  const releasedMargin = reducing ? pos.margin * (closeQty / pos.qty) : 0;
  const available = account.paperBalance! + closePnl - closeFee - (used - releasedMargin);
  if (openQty > 0 && openMargin + openFee > available + 1e-9)
    return reject(
      `Insufficient paper balance: this order needs ${(openMargin + openFee).toFixed(2)} USDT, ${Math.max(0, available).toFixed(2)} USDT available`,
      "insufficient_balance",
    );

  const row: OrderRow = {
    ...base,
    qty,
    price: r8(fill),
    fee: r8(closeFee + openFee),
    realizedPnl: r8(closePnl),
    leverage: lev,
    stopLoss: input.stopLoss ?? null,
    takeProfit: input.takeProfit ?? null,
    status: "filled",
    reason: null,
  };
  const moves: LedgerMove[] = [];
  let balance = account.paperBalance!;
  const move = (type: LedgerMove["type"], amount: number, position: number | "new") => {
    if (amount === 0) return;
    balance = r8(balance + amount);
    moves.push({ type, amount: r8(amount), balanceAfter: balance, position });
  };
  let update: PositionUpdate | null = null;
  let insert: NewPosition | null = null;
  if (reducing) {
    move("realized_pnl", closePnl, pos.id);
    move("fee", -closeFee, pos.id);
    const fees = r8(pos.fees + closeFee);
    const realizedPnl = r8(pos.realizedPnl + closePnl);
    update =
      closeQty >= pos.qty - 1e-12
        ? {
            ...pos,
            status: "closed",
            openKey: null,
            closePrice: r8(fill),
            closeReason: openQty > 0 ? "flip" : "signal",
            closedAt: new Date(),
            fees,
            realizedPnl,
          }
        : { ...pos, qty: r8(pos.qty - closeQty), margin: r8(pos.margin - releasedMargin), fees, realizedPnl };
  }
  if (openQty > 0) {
    const adding = pos !== null && !reducing;
    const newQty = adding ? r8(pos.qty + openQty) : openQty;
    const entry = adding ? (pos.qty * pos.entryPrice + openQty * fill) / newQty : fill;
    const values = {
      qty: newQty,
      entryPrice: r8(entry),
      leverage: lev,
      margin: r8((adding ? pos.margin : 0) + openMargin),
      liquidationPrice: r8(liquidationPrice(orderSide, entry, lev, rules.maintenanceMargin)),
      stopLoss: input.stopLoss ?? (adding ? pos.stopLoss : null),
      takeProfit: input.takeProfit ?? (adding ? pos.takeProfit : null),
      fees: r8((adding ? pos.fees : 0) + openFee),
    };
    if (adding) update = { ...pos, ...values };
    else
      insert = {
        ...values,
        realizedPnl: 0,
        status: "open",
        userId: account.userId,
        exchangeAccountId: account.id,
        symbol: input.symbol,
        side: orderSide,
        openKey: openKeyFor(account.id, input.symbol),
      };
    move("fee", -openFee, adding ? pos.id : "new");
  }
  return { kind: "filled", row, update, insert, moves, balance };
}
