import "server-only";
// The trade log: a user's own order outcomes and the decisions that led to no order for them (holds, and
// decisions the platform kill switch kept back), newest first, paginated and filterable.
import { and, count, eq, inArray, ne, sql, type SQL } from "drizzle-orm";
import { db } from "@/db";
import { decisionRecipients, decisions, orders, type Decision, type Order } from "@/db/schema";

/** all: everything · trades: orders that went to the exchange · holds: holds and skipped orders. */
export const TRADE_LOG_FILTERS = ["all", "trades", "holds"] as const;
export type TradeLogFilter = (typeof TRADE_LOG_FILTERS)[number];

export type TradeLogItem =
  | ({ type: "order"; key: string } & ReturnType<typeof orderView>)
  | ({ type: "hold"; key: string } & ReturnType<typeof holdView>);

export interface TradeLogPage {
  items: TradeLogItem[];
  page: number;
  limit: number;
  total: number;
  filter: TradeLogFilter;
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

/** A decision that placed nothing for the user: a hold, or one the platform kill switch kept back. */
function holdView(d: Decision, outcome: "hold" | "killed") {
  return {
    id: d.id,
    decisionId: d.id,
    symbol: d.symbol,
    status: outcome === "hold" ? ("hold" as const) : ("not_sent" as const),
    action: d.action,
    confidence: d.confidence,
    price: d.price,
    reason:
      outcome === "hold"
        ? d.reason
        : `Not sent: the platform-wide kill switch was on (the decision was ${d.action}).`,
    createdAt: d.tickTime.toISOString(),
  };
}

// The two sources as (type, id, time) rows, filtered; UNION ALL keeps one sorted, paginated list.
function sources(userId: number, filter: TradeLogFilter): { orders: SQL | null; holds: SQL | null } {
  const orderWhere =
    filter === "trades"
      ? and(eq(orders.userId, userId), ne(orders.status, "skipped"))
      : filter === "holds"
        ? and(eq(orders.userId, userId), eq(orders.status, "skipped"))
        : eq(orders.userId, userId);
  const holdWhere = and(
    eq(decisionRecipients.userId, userId),
    inArray(decisionRecipients.outcome, ["hold", "killed"]),
  );
  return {
    orders: sql`select 'order' as t, ${orders.id} as id, ${orders.createdAt} as at from ${orders} where ${orderWhere}`,
    holds:
      filter === "trades"
        ? null
        : sql`select 'hold' as t, ${decisionRecipients.decisionId} as id, ${decisionRecipients.tickTime} as at from ${decisionRecipients} where ${holdWhere}`,
  };
}

async function countOf(userId: number, filter: TradeLogFilter): Promise<number> {
  const orderStatus =
    filter === "trades"
      ? ne(orders.status, "skipped")
      : filter === "holds"
        ? eq(orders.status, "skipped")
        : undefined;
  const [[o], [h]] = await Promise.all([
    db
      .select({ n: count() })
      .from(orders)
      .where(and(eq(orders.userId, userId), orderStatus)),
    filter === "trades"
      ? Promise.resolve([{ n: 0 }])
      : db
          .select({ n: count() })
          .from(decisionRecipients)
          .where(
            and(
              eq(decisionRecipients.userId, userId),
              inArray(decisionRecipients.outcome, ["hold", "killed"]),
            ),
          ),
  ]);
  return (o?.n ?? 0) + (h?.n ?? 0);
}

/** A page of the user's trade log (page from 1). */
export async function listOrders(
  userId: number,
  page: number,
  limit: number,
  filter: TradeLogFilter = "all",
): Promise<TradeLogPage> {
  const src = sources(userId, filter);
  const union = src.holds ? sql`${src.orders} union all ${src.holds}` : src.orders!;
  const [rows, total] = await Promise.all([
    db.execute(
      sql`select t, id from (${union}) as log order by at desc, id desc limit ${limit} offset ${(page - 1) * limit}`,
    ),
    countOf(userId, filter),
  ]);
  const refs = (rows[0] as unknown as { t: "order" | "hold"; id: number | string }[]).map((r) => ({
    t: r.t,
    id: Number(r.id),
  }));
  const orderIds = refs.filter((r) => r.t === "order").map((r) => r.id);
  const holdIds = refs.filter((r) => r.t === "hold").map((r) => r.id);
  const [orderRows, holdRows] = await Promise.all([
    orderIds.length
      ? db
          .select()
          .from(orders)
          .where(and(eq(orders.userId, userId), inArray(orders.id, orderIds)))
      : [],
    holdIds.length
      ? db
          .select({ d: decisions, outcome: decisionRecipients.outcome })
          .from(decisionRecipients)
          .innerJoin(decisions, eq(decisions.id, decisionRecipients.decisionId))
          .where(and(eq(decisionRecipients.userId, userId), inArray(decisionRecipients.decisionId, holdIds)))
      : [],
  ]);
  const byOrder = new Map(orderRows.map((o) => [o.id, o]));
  const byHold = new Map(holdRows.map((h) => [h.d.id, h]));
  const items = refs.flatMap((r): TradeLogItem[] => {
    if (r.t === "order") {
      const o = byOrder.get(r.id);
      return o ? [{ type: "order", key: `o${o.id}`, ...orderView(o) }] : [];
    }
    const h = byHold.get(r.id);
    return h && h.outcome !== "sent"
      ? [{ type: "hold", key: `h${h.d.id}`, ...holdView(h.d, h.outcome) }]
      : [];
  });
  return { items, page, limit, total, filter };
}
