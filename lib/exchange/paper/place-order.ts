import "server-only";
// A market order on the paper exchange: fill at the latest candle price plus slippage, taker fee, isolated
// margin, one net position per symbol (opposite side reduces, closes or flips). Idempotent by client order id.
import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db";
import { paperOrders, positions, type PaperOrder } from "@/db/schema";
import { latestCandle } from "@/lib/market/series";
import { ExchangeError, type ExchangeOrder, type PlaceOrderInput } from "../types";
import {
  lockPaperAccount,
  markClosed,
  moveBalance,
  paperRules,
  readOpenPosition,
  withDeadlockRetry,
  type Tx,
} from "./book";
import { PAPER_LIMITS } from "./limits";
import { fillPrice, floorToStep, initialMargin, liquidationPrice, pnl, r8, takerFee } from "./math";

/** A stored paper order in the adapter's shape. */
export function toExchangeOrder(o: PaperOrder): ExchangeOrder {
  return {
    id: String(o.id),
    clientOrderId: o.clientOrderId,
    symbol: o.symbol,
    side: o.side,
    qty: o.qty,
    price: o.price,
    status: o.status,
    fee: o.fee,
    reduceOnly: o.reduceOnly,
  };
}

async function findPaperOrder(tx: Tx | typeof db, accountId: number, clientOrderId: string) {
  const [row] = await tx
    .select()
    .from(paperOrders)
    .where(and(eq(paperOrders.exchangeAccountId, accountId), eq(paperOrders.clientOrderId, clientOrderId)));
  return row ?? null;
}

/** Look an order up by our client order id. */
export async function findPaperOrderByClientId(accountId: number, clientOrderId: string) {
  const row = await findPaperOrder(db, accountId, clientOrderId);
  return row ? toExchangeOrder(row) : null;
}

/** Place a market order; `leverage` applies to a newly opened position. */
export async function placePaperOrder(
  accountId: number,
  input: PlaceOrderInput,
  leverage: number,
): Promise<ExchangeOrder> {
  const candle = await latestCandle(input.symbol);
  const rules = paperRules();
  const result = await withDeadlockRetry(() =>
    db.transaction(async (tx) => {
      const acct = await lockPaperAccount(tx, accountId);
      const existing = await findPaperOrder(tx, accountId, input.clientOrderId);
      if (existing) return { order: toExchangeOrder(existing), error: null };
      const reject = async (reason: string, kind: "rejected" | "insufficient_balance") => {
        await tx.insert(paperOrders).values({
          exchangeAccountId: accountId,
          clientOrderId: input.clientOrderId,
          symbol: input.symbol,
          side: input.side,
          qty: r8(input.qty),
          reduceOnly: Boolean(input.reduceOnly),
          leverage,
          status: "rejected",
          reason,
        });
        const order = (await findPaperOrder(tx, accountId, input.clientOrderId))!;
        return { order: toExchangeOrder(order), error: new ExchangeError(kind, reason) };
      };
      if (!candle)
        return reject(
          `No price for ${input.symbol} yet: the market feed has not written a candle`,
          "rejected",
        );
      const qty = floorToStep(input.qty, PAPER_LIMITS.qtyStep);
      if (qty < PAPER_LIMITS.minQty)
        return reject(`Quantity is below the minimum of ${PAPER_LIMITS.minQty}`, "rejected");
      const fill = fillPrice(candle.c, input.side, rules.slippageBps);
      const orderSide = input.side === "buy" ? "long" : "short";
      const pos = await readOpenPosition(tx, accountId, input.symbol);
      const reducing = pos !== null && pos.side !== orderSide;
      if (input.reduceOnly && !reducing)
        return reject("Reduce-only order with no opposite position to reduce", "rejected");
      const closeQty = reducing ? Math.min(qty, pos.qty) : 0;
      const openQty = input.reduceOnly ? 0 : r8(qty - closeQty);
      if (openQty > 0 && openQty * fill < PAPER_LIMITS.minNotional)
        return reject(`Order value is below the minimum of ${PAPER_LIMITS.minNotional} USDT`, "rejected");

      // Money check for the opening part, after the closing part has released its margin.
      const closePnl = reducing ? pnl(pos.side, closeQty, pos.entryPrice, fill) : 0;
      const closeFee = takerFee(closeQty, fill, rules.takerFee);
      const openFee = takerFee(openQty, fill, rules.takerFee);
      const lev = pos && !reducing ? pos.leverage : leverage;
      const openMargin = openQty > 0 ? initialMargin(openQty, fill, lev) : 0;
      const [used] = await tx
        .select({ m: sql<string>`coalesce(sum(${positions.margin}), 0)` })
        .from(positions)
        .where(and(eq(positions.exchangeAccountId, accountId), eq(positions.status, "open")));
      const releasedMargin = reducing ? pos.margin * (closeQty / pos.qty) : 0;
      const available = acct.paperBalance! + closePnl - closeFee - (Number(used?.m ?? 0) - releasedMargin);
      if (openQty > 0 && openMargin + openFee > available + 1e-9)
        return reject(
          `Insufficient paper balance: this order needs ${(openMargin + openFee).toFixed(2)} USDT, ${Math.max(0, available).toFixed(2)} USDT available`,
          "insufficient_balance",
        );

      const [ins] = await tx
        .insert(paperOrders)
        .values({
          exchangeAccountId: accountId,
          clientOrderId: input.clientOrderId,
          symbol: input.symbol,
          side: input.side,
          qty,
          price: r8(fill),
          fee: r8(closeFee + openFee),
          realizedPnl: r8(closePnl),
          reduceOnly: Boolean(input.reduceOnly),
          leverage: lev,
          stopLoss: input.stopLoss ?? null,
          takeProfit: input.takeProfit ?? null,
          status: "filled",
        })
        .$returningId();
      const paperOrderId = ins!.id;
      let balance = acct.paperBalance!;
      if (reducing) {
        balance = await moveBalance(tx, accountId, balance, closePnl, "realized_pnl", {
          paperOrderId,
          positionId: pos.id,
        });
        balance = await moveBalance(tx, accountId, balance, -closeFee, "fee", {
          paperOrderId,
          positionId: pos.id,
        });
        if (closeQty >= pos.qty - 1e-12) {
          await markClosed(tx, pos, fill, openQty > 0 ? "flip" : "signal", closeFee, closePnl);
        } else {
          await tx
            .update(positions)
            .set({
              qty: r8(pos.qty - closeQty),
              margin: r8(pos.margin - releasedMargin),
              fees: r8(pos.fees + closeFee),
              realizedPnl: r8(pos.realizedPnl + closePnl),
            })
            .where(eq(positions.id, pos.id));
        }
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
        let positionId: number;
        if (adding) {
          await tx.update(positions).set(values).where(eq(positions.id, pos.id));
          positionId = pos.id;
        } else {
          const [p] = await tx
            .insert(positions)
            .values({
              ...values,
              userId: acct.userId,
              exchangeAccountId: accountId,
              symbol: input.symbol,
              side: orderSide,
              openKey: `${accountId}:${input.symbol}`,
            })
            .$returningId();
          positionId = p!.id;
        }
        await moveBalance(tx, accountId, balance, -openFee, "fee", { paperOrderId, positionId });
      }
      // The row just inserted, without reading it back (every value is the one written, already rounded).
      const order: ExchangeOrder = {
        id: String(paperOrderId),
        clientOrderId: input.clientOrderId,
        symbol: input.symbol,
        side: input.side,
        qty: r8(qty),
        price: r8(fill),
        status: "filled",
        fee: r8(closeFee + openFee),
        reduceOnly: Boolean(input.reduceOnly),
      };
      return { order, error: null };
    }),
  );
  // Rejections are committed (so a retry sees the same answer) and then reported.
  if (result.error) throw result.error;
  return result.order;
}
