import "server-only";
// The orders row of one (decision, user): claimed first, finished once, and pushed to the user's stream.
import { and, eq, inArray, sql } from "drizzle-orm";
import { db } from "@/db";
import { orders, type NewOrder, type Order } from "@/db/schema";
import { userChannel } from "@/lib/events/channels";
import { redis } from "@/lib/redis";
import { orderView } from "@/lib/trading/trade-log";

export const FINAL_STATUSES = ["placed", "filled", "skipped", "failed"] as const;

/** Insert the pending row for (decision, user) or find it; `resumed` when an earlier attempt created it. */
export async function claimOrderRow(
  row: NewOrder & { decisionId: number },
): Promise<{ order: Order; resumed: boolean }> {
  const [result] = await db
    .insert(orders)
    .values(row)
    .onDuplicateKeyUpdate({ set: { id: sql`id` } });
  const order = await db.query.orders.findFirst({
    where: and(eq(orders.decisionId, row.decisionId), eq(orders.userId, row.userId)),
  });
  if (!order) throw new Error("order row missing after claim");
  return { order, resumed: result.affectedRows !== 1 };
}

/** Write the outcome once (a final row is never overwritten) and publish it to the user's dashboard. */
export async function finishOrder(
  order: Order,
  outcome: Partial<NewOrder> & { status: Order["status"] },
): Promise<Order> {
  await db
    .update(orders)
    .set(outcome)
    .where(and(eq(orders.id, order.id), inArray(orders.status, ["pending"])));
  return publishOrderById(order.id);
}

/** Push an order row to its user's live stream (best effort: the row is already durable). */
export async function publishOrderById(orderId: number): Promise<Order> {
  const saved = (await db.query.orders.findFirst({ where: eq(orders.id, orderId) }))!;
  await redis()
    .publish(userChannel(saved.userId), JSON.stringify({ type: "order", ...orderView(saved) }))
    .catch(() => undefined);
  return saved;
}
