import "server-only";
// The orders row of one (decision, user): claimed first, finished once, and pushed to the user's stream.
// Claims and finishes of concurrent execute jobs are batched into multi-row statements (lib/batch); each job
// still gets its own row back, and a final row is never overwritten.
import { eq } from "drizzle-orm";
import { db } from "@/db";
import { orders, type NewOrder, type Order } from "@/db/schema";
import { createBatcher } from "@/lib/batch/batcher";
import { inList, inPairs, insertRows, updateRowsById, varcharLength } from "@/lib/batch/bulk-sql";
import { userChannel } from "@/lib/events/channels";
import { r8 } from "@/lib/exchange/paper/math";
import { orderEvents } from "@/lib/notify/hooks";
import { notify } from "@/lib/notify/notify";
import { redis } from "@/lib/redis";
import { orderView } from "@/lib/trading/trade-log";

export const FINAL_STATUSES = ["placed", "filled", "skipped", "failed"] as const;

type ClaimRow = NewOrder & { decisionId: number };
const pairKey = (decisionId: number | null, userId: number) => `${decisionId}:${userId}`;

/** The orders rows of these (decision, user) pairs, by pair key. */
async function readPairs(rows: ClaimRow[]): Promise<Map<string, Order>> {
  if (rows.length === 0) return new Map();
  const found = await db
    .select()
    .from(orders)
    .where(
      inPairs(
        orders.decisionId,
        orders.userId,
        rows.map((r) => [r.decisionId, r.userId] as const),
      ),
    );
  return new Map(found.map((o) => [pairKey(o.decisionId, o.userId), o]));
}

const claimBatch = createBatcher<ClaimRow, { order: Order; resumed: boolean }>({
  conflictKey: (r) => pairKey(r.decisionId, r.userId),
  isolateFailures: true,
  async run(rows) {
    const before = await readPairs(rows);
    const missing = rows.filter((r) => !before.has(pairKey(r.decisionId, r.userId)));
    let created = new Map<string, Order>();
    if (missing.length > 0) {
      await insertRows(db, orders, missing, { ignore: true });
      created = await readPairs(missing);
    }
    return rows.map((r) => {
      const key = pairKey(r.decisionId, r.userId);
      const existing = before.get(key);
      if (existing) return { order: existing, resumed: true };
      const order = created.get(key);
      // INSERT IGNORE skips a row whose client order id is taken by another (decision, user): a bug, not a race.
      return order ? { order, resumed: false } : new Error(`order row missing after claim (${key})`);
    });
  },
});

/** Insert the pending row for (decision, user) or find it; `resumed` when an earlier attempt created it. */
export function claimOrderRow(row: ClaimRow): Promise<{ order: Order; resumed: boolean }> {
  return claimBatch(row);
}

const FINISH_FIELDS = [
  "kind",
  "exchangeAccountId",
  "side",
  "qty",
  "price",
  "leverage",
  "stopLoss",
  "takeProfit",
  "reason",
  "exchangeOrderId",
  "fee",
  "realizedPnl",
  "status",
] as const satisfies ReadonlyArray<keyof NewOrder>;

type Outcome = Partial<NewOrder> & { status: Order["status"] };

const MONEY = ["qty", "price", "stopLoss", "takeProfit", "fee", "realizedPnl"] as const;
const REASON_MAX = varcharLength(orders.reason);
const EXCHANGE_ID_MAX = varcharLength(orders.exchangeOrderId);

/**
 * The row as it will be stored: the claimed (pending) row with the outcome on top, money rounded to the columns'
 * 8 decimals and text cut to the columns' lengths, so the stored row and this object are equal and one long
 * exchange message cannot make the statement (and its whole batch) fail.
 */
function finalRow(order: Order, outcome: Outcome, now: Date): Order {
  const row: Order = { ...order, ...outcome, id: order.id, updatedAt: now };
  for (const k of MONEY) if (row[k] !== null) row[k] = r8(row[k]);
  if (row.reason !== null) row.reason = row.reason.slice(0, REASON_MAX);
  if (row.exchangeOrderId !== null) row.exchangeOrderId = row.exchangeOrderId.slice(0, EXCHANGE_ID_MAX);
  return row;
}

const finishBatch = createBatcher<{ order: Order; outcome: Outcome }, Order>({
  conflictKey: ({ order }) => String(order.id),
  isolateFailures: true,
  async run(items) {
    const now = new Date();
    const rows = items.map(({ order, outcome }) => finalRow(order, outcome, now));
    const changed = await updateRowsById(
      db,
      orders,
      rows,
      [...FINISH_FIELDS, "updatedAt"],
      eq(orders.status, "pending"),
    );
    // Every row was pending, so each now holds exactly `rows`; otherwise another attempt finished some first and
    // the stored rows are the answer.
    const saved =
      changed === rows.length
        ? rows
        : await db
            .select()
            .from(orders)
            .where(
              inList(
                orders.id,
                rows.map((r) => r.id),
              ),
            );
    await publishOrders(saved);
    await notify(...(await orderEvents(saved)));
    const byId = new Map(saved.map((o) => [o.id, o]));
    return items.map(({ order }) => byId.get(order.id) ?? new Error(`order ${order.id} vanished`));
  },
});

/** Write the outcome once (a final row is never overwritten) and publish it to the user's dashboard. */
export function finishOrder(order: Order, outcome: Outcome): Promise<Order> {
  return finishBatch({ order, outcome });
}

/** Push order rows to their users' live streams (best effort: the rows are already durable). */
async function publishOrders(rows: Order[]): Promise<void> {
  if (rows.length === 0) return;
  const pipeline = redis().pipeline();
  for (const o of rows)
    pipeline.publish(userChannel(o.userId), JSON.stringify({ type: "order", ...orderView(o) }));
  await pipeline.exec().catch(() => undefined);
}

/** Push an order row to its user's live stream (best effort: the row is already durable). */
export async function publishOrderById(orderId: number): Promise<Order> {
  const saved = (await db.query.orders.findFirst({ where: eq(orders.id, orderId) }))!;
  await publishOrders([saved]);
  return saved;
}
