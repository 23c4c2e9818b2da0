import "server-only";
// The trade log: a user's own order outcomes, newest first, paginated.
import { count, desc, eq } from "drizzle-orm";
import { db } from "@/db";
import { orders, type Order } from "@/db/schema";

export interface TradeLogPage {
  items: ReturnType<typeof orderView>[];
  page: number;
  limit: number;
  total: number;
}

/** One order as the API and the dashboard show it (no internal columns). */
export function orderView(o: Order) {
  return {
    id: o.id,
    decisionId: o.decisionId,
    symbol: o.symbol,
    kind: o.kind,
    side: o.side,
    qty: o.qty,
    /** How much of `qty` the exchange filled (null before it said). */
    filledQty: o.filledQty,
    price: o.price,
    leverage: o.leverage,
    stopLoss: o.stopLoss,
    takeProfit: o.takeProfit,
    status: o.status,
    reason: o.reason,
    fee: o.fee,
    realizedPnl: o.realizedPnl,
    createdAt: o.createdAt.toISOString(),
  };
}

/** A page of the user's orders (page from 1). */
export async function listOrders(userId: number, page: number, limit: number): Promise<TradeLogPage> {
  const [items, [total]] = await Promise.all([
    db
      .select()
      .from(orders)
      .where(eq(orders.userId, userId))
      .orderBy(desc(orders.createdAt), desc(orders.id))
      .limit(limit)
      .offset((page - 1) * limit),
    db.select({ n: count() }).from(orders).where(eq(orders.userId, userId)),
  ]);
  return { items: items.map(orderView), page, limit, total: total?.n ?? 0 };
}
