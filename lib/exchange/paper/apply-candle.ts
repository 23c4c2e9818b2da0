import "server-only";
// Exchange-side exits on the paper exchange: stop loss, take profit and liquidation, checked against each
// candle update with the rules of exits.ts. Idempotent: a position closes once, under its row lock, so
// applying the same candle again (catch-up after a restart) changes nothing.
import { and, eq, gte, lte, or } from "drizzle-orm";
import { db } from "@/db";
import { exchangeAccounts, orders, paperOrders, positions } from "@/db/schema";
import { publishOrderById } from "@/lib/execution/record";
import type { Candle } from "@/lib/market/types";
import { exitEvent } from "@/lib/notify/hooks";
import { notify } from "@/lib/notify/notify";
import { lockPaperAccount, markClosed, moveBalance, paperRules, withDeadlockRetry } from "./book";
import { exitBooking, exitFor, exitTimeFor } from "./exits";
import { writePaperFills } from "./fills";
import { r8 } from "./math";

export { exitFor };

const CLOSE_CONCURRENCY = 8;

/** Close one position for an exit, booking PnL and fees, logging the exit as an order and telling the user. */
async function closeForExit(positionId: number, candle: Candle, at: Date): Promise<boolean> {
  const orderId = await withDeadlockRetry(() =>
    db.transaction(async (tx) => {
      const [pre] = await tx
        .select({ accountId: positions.exchangeAccountId })
        .from(positions)
        .where(eq(positions.id, positionId));
      if (!pre) return null;
      const acct = await lockPaperAccount(tx, pre.accountId);
      const [pos] = await tx
        .select()
        .from(positions)
        .where(and(eq(positions.id, positionId), eq(positions.status, "open")))
        .for("update");
      if (!pos) return null;
      const exit = exitFor(pos, candle);
      if (!exit) return null;
      const { realized, fee } = exitBooking(pos, exit, paperRules().takerFee);
      // Exchange-made exits get ids the platform never generates (`exit-sl-42`), one per position.
      const clientOrderId = `exit-${exit.reason === "stop_loss" ? "sl" : exit.reason === "take_profit" ? "tp" : "liq"}-${pos.id}`;
      const side = pos.side === "long" ? "sell" : "buy";
      const [po] = await tx
        .insert(paperOrders)
        .values({
          exchangeAccountId: acct.id,
          clientOrderId,
          symbol: pos.symbol,
          side,
          qty: pos.qty,
          price: r8(exit.price),
          fee: r8(fee),
          realizedPnl: r8(realized),
          reduceOnly: true,
          leverage: pos.leverage,
          status: "filled",
          reason: exit.reason,
        })
        .$returningId();
      const refs = { paperOrderId: po!.id, positionId: pos.id };
      await writePaperFills(tx, [
        {
          paperOrderId: po!.id,
          userId: pos.userId,
          accountId: acct.id,
          symbol: pos.symbol,
          clientOrderId,
          side,
          qty: pos.qty,
          price: r8(exit.price),
          fee: r8(fee),
          realizedPnl: r8(realized),
          reduces: true,
          exitKind: exit.reason,
          at,
        },
      ]);
      let balance = acct.paperBalance!;
      balance = await moveBalance(
        tx,
        acct.id,
        balance,
        realized,
        exit.reason === "liquidation" ? "liquidation" : "realized_pnl",
        refs,
      );
      await moveBalance(tx, acct.id, balance, -fee, "fee", refs);
      await markClosed(tx, pos, exit.price, exit.reason, fee, realized, at);
      const [exitOrder] = await tx
        .insert(orders)
        .values({
          userId: pos.userId,
          exchangeAccountId: acct.id,
          symbol: pos.symbol,
          clientOrderId: `paper-${clientOrderId}`,
          kind: exit.reason,
          side,
          qty: pos.qty,
          price: r8(exit.price),
          leverage: pos.leverage,
          status: "filled",
          reason:
            exit.reason === "liquidation"
              ? "Liquidated: the position's margin fell to the maintenance margin"
              : exit.reason === "stop_loss"
                ? "Stop loss triggered"
                : "Take profit triggered",
          exchangeOrderId: String(po!.id),
          fee: r8(fee),
          realizedPnl: r8(realized),
          createdAt: at,
        })
        .$returningId();
      return exitOrder!.id;
    }),
  );
  if (orderId === null) return false;
  await notify(exitEvent(await publishOrderById(orderId)));
  return true;
}

/** Apply one candle update to every open paper position in `symbol`; returns how many closed. */
export async function applyCandleToPaperPositions(
  symbol: string,
  candle: Candle,
  now = Date.now(),
): Promise<number> {
  const at = exitTimeFor(candle, now);
  const { h, l } = candle;
  // Only paper positions whose stop, target or liquidation price this candle's range reaches.
  const rows = await db
    .select({ pos: positions })
    .from(positions)
    .innerJoin(exchangeAccounts, eq(exchangeAccounts.id, positions.exchangeAccountId))
    .where(
      and(
        eq(positions.symbol, symbol),
        eq(positions.status, "open"),
        eq(exchangeAccounts.exchange, "paper"),
        or(
          and(
            eq(positions.side, "long"),
            or(gte(positions.stopLoss, l), gte(positions.liquidationPrice, l), lte(positions.takeProfit, h)),
          ),
          and(
            eq(positions.side, "short"),
            or(lte(positions.stopLoss, h), lte(positions.liquidationPrice, h), gte(positions.takeProfit, l)),
          ),
        ),
      ),
    );
  const open = rows.map((r) => r.pos);
  const due = open.filter((pos) => exitFor(pos, candle) !== null);
  let closed = 0;
  // Each close is its own transaction under its account's lock; a few run at once.
  for (let i = 0; i < due.length; i += CLOSE_CONCURRENCY) {
    const results = await Promise.all(
      due.slice(i, i + CLOSE_CONCURRENCY).map((p) => closeForExit(p.id, candle, at)),
    );
    closed += results.filter(Boolean).length;
  }
  return closed;
}
