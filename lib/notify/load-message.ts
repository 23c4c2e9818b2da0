import "server-only";
// The data of one event's message, read from the database the event points at (jobs carry ids only). Null when
// there is nothing to say (an order still pending, a row since deleted).
import { and, eq, gte, inArray, lt, sql } from "drizzle-orm";
import { db } from "@/db";
import { decisions, exchangeAccounts, fills, orders, tradingSettings } from "@/db/schema";
import type { NotifyEvent } from "./events";
import type { MessageData } from "./templates";

const EXCHANGE_EXITS = ["stop_loss", "take_profit", "liquidation"] as const;
type ExitKind = (typeof EXCHANGE_EXITS)[number];
const isExit = (k: string): k is ExitKind => (EXCHANGE_EXITS as readonly string[]).includes(k);

function orderEventName(status: string): "order_filled" | "order_failed" | "order_skipped" | null {
  if (status === "filled" || status === "placed" || status === "partially_filled") return "order_filled";
  if (status === "failed" || status === "rejected") return "order_failed";
  if (status === "skipped") return "order_skipped";
  return null;
}

/** The message data of one event (an order's event name depends on how it ended), or null. */
export async function loadMessage(e: NotifyEvent): Promise<MessageData | null> {
  switch (e.type) {
    case "order":
    case "exit": {
      const where =
        e.type === "order" || e.orderId !== undefined
          ? eq(orders.id, e.orderId!)
          : eq(orders.clientOrderId, e.clientOrderId ?? "");
      const o = await db.query.orders.findFirst({ where: and(where, eq(orders.userId, e.userId)) });
      if (!o) return null;
      if (e.type === "exit") {
        if (!isExit(o.kind)) return null;
        return {
          event: "exit",
          symbol: o.symbol,
          kind: o.kind,
          qty: o.qty,
          price: o.price,
          pnl: o.realizedPnl,
          fee: o.fee,
        };
      }
      const event = orderEventName(o.status);
      if (!event) return null;
      return {
        event,
        status: o.status,
        symbol: o.symbol,
        side: o.side,
        qty: o.qty,
        price: o.price,
        reason: o.reason,
      };
    }
    case "loss_limit": {
      const s = await db.query.tradingSettings.findFirst({
        where: and(eq(tradingSettings.id, e.settingsId), eq(tradingSettings.userId, e.userId)),
        columns: { symbol: true, pausedReason: true },
      });
      return s ? { event: "loss_limit", symbol: s.symbol, notice: s.pausedReason } : null;
    }
    case "auto_trade_off":
      return { event: "auto_trade_off", reason: e.reason, detail: null };
    case "key_rejected": {
      const a = await db.query.exchangeAccounts.findFirst({
        where: and(eq(exchangeAccounts.id, e.accountId), eq(exchangeAccounts.userId, e.userId)),
        columns: { label: true, exchange: true, statusReason: true },
      });
      return a
        ? { event: "key_rejected", label: a.label, exchange: a.exchange, reason: a.statusReason }
        : null;
    }
    case "billing":
      return { event: "billing", plan: e.plan, status: e.status };
    case "daily_summary":
      return summaryData(e.userId, e.day);
  }
}

/**
 * The 24 hours up to `day` (`YYYY-MM-DDTHH`, UTC) from the ledger and the trade log: realised PnL net of fees and the fees (fills), trades and
 * exchange exits (fills that closed), skipped decisions (orders), and the decisions of the user's decision groups
 * (the groups of their orders in the last week) with how many of them were holds.
 */
export async function summaryData(userId: number, day: string): Promise<MessageData> {
  const to = new Date(`${day}:00:00.000Z`);
  const from = new Date(to.getTime() - 86_400_000);
  const [ledger] = await db
    .select({
      pnl: sql<string>`COALESCE(SUM(${fills.realizedPnl} - ${fills.fee}), 0)`,
      fees: sql<string>`COALESCE(SUM(${fills.fee}), 0)`,
      trades: sql<string>`COUNT(*)`,
      exits: sql<string>`COALESCE(SUM(${fills.exitKind} IN ('stop_loss','take_profit','liquidation')), 0)`,
    })
    .from(fills)
    .where(and(eq(fills.userId, userId), gte(fills.executedAt, from), lt(fills.executedAt, to)));
  const [log] = await db
    .select({ skipped: sql<string>`COALESCE(SUM(${orders.status} = 'skipped'), 0)` })
    .from(orders)
    .where(and(eq(orders.userId, userId), gte(orders.createdAt, from), lt(orders.createdAt, to)));
  const groups = await db
    .selectDistinct({ key: decisions.groupKey })
    .from(orders)
    .innerJoin(decisions, eq(decisions.id, orders.decisionId))
    .where(and(eq(orders.userId, userId), gte(orders.createdAt, new Date(to.getTime() - 7 * 86_400_000))));
  const [made] = groups.length
    ? await db
        .select({
          n: sql<string>`COUNT(*)`,
          holds: sql<string>`COALESCE(SUM(${decisions.action} = 'hold'), 0)`,
        })
        .from(decisions)
        .where(
          and(
            inArray(
              decisions.groupKey,
              groups.map((g) => g.key),
            ),
            gte(decisions.tickTime, from),
            lt(decisions.tickTime, to),
          ),
        )
    : [{ n: "0", holds: "0" }];
  return {
    event: "daily_summary",
    day,
    pnl: Number(ledger?.pnl ?? 0),
    fees: Number(ledger?.fees ?? 0),
    trades: Number(ledger?.trades ?? 0),
    exits: Number(ledger?.exits ?? 0),
    decisions: Number(made?.n ?? 0),
    holds: Number(made?.holds ?? 0),
    skipped: Number(log?.skipped ?? 0),
  };
}
