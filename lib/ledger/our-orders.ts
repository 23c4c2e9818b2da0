import "server-only";
// Tickpilot's own order rows of a live account, kept in line with the exchange: each row's state (open,
// partially filled, filled, cancelled, rejected, expired), filled quantity and average price from the
// exchange's order, and its fees and realised PnL from the ledger's fills of its legs.
import { and, eq, inArray, sql } from "drizzle-orm";
import { db } from "@/db";
import { fills, orders, type Order } from "@/db/schema";
import { clientOrderIdFor } from "@/lib/execution/client-order-id";
import type { ExchangeAdapter, ExchangeOrder } from "@/lib/exchange/types";

/** Order rows the exchange may still change (placed or partly filled), of one account and symbol. */
export async function unsettledOrders(accountId: number, symbol: string): Promise<Order[]> {
  return db
    .select()
    .from(orders)
    .where(
      and(
        eq(orders.exchangeAccountId, accountId),
        eq(orders.symbol, symbol),
        inArray(orders.status, ["placed", "partially_filled"]),
      ),
    );
}

/** The row status an exchange order maps to. */
export function rowStatusOf(o: ExchangeOrder): Order["status"] {
  return o.status === "open" ? "placed" : o.status;
}

/** Bring unsettled rows up to date from the exchange; returns how many changed. */
export async function settleOrderRows(adapter: ExchangeAdapter, rows: Order[]): Promise<number> {
  let changed = 0;
  for (const row of rows) {
    const ex = await adapter.findOrderByClientId(row.symbol, row.clientOrderId);
    if (!ex) continue;
    const status = rowStatusOf(ex);
    if (status === row.status && ex.filledQty === row.filledQty) continue;
    await db
      .update(orders)
      .set({
        status,
        filledQty: ex.filledQty,
        price: ex.price ?? row.price,
        exchangeOrderId: ex.id.slice(0, 64),
      })
      .where(eq(orders.id, row.id));
    changed += 1;
  }
  return changed;
}

/** Fees and realised PnL of Tickpilot's order rows, summed from the ledger's fills of their legs. */
export async function totalOrderRowsFromFills(
  accountId: number,
  rows: Array<{ decisionId: number; userId: number }>,
) {
  for (const r of rows) {
    const legs = [
      clientOrderIdFor(r.decisionId, r.userId, "o"),
      clientOrderIdFor(r.decisionId, r.userId, "c"),
    ];
    const [sum] = await db
      .select({
        fee: sql<string>`COALESCE(SUM(${fills.fee}), 0)`,
        pnl: sql<string>`COALESCE(SUM(${fills.realizedPnl}), 0)`,
      })
      .from(fills)
      .where(and(eq(fills.exchangeAccountId, accountId), inArray(fills.clientOrderId, legs)));
    await db
      .update(orders)
      .set({ fee: Number(sum?.fee ?? 0), realizedPnl: Number(sum?.pnl ?? 0) })
      .where(and(eq(orders.decisionId, r.decisionId), eq(orders.userId, r.userId)));
  }
}
