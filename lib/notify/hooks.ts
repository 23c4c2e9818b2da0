import "server-only";
// Turning rows the hooks already hold into notify events (ids only). Per-order messages are opt-in, so filled and
// skipped orders are only enqueued for users who switched one of them on (one query per batch of rows).
import { and, eq, inArray } from "drizzle-orm";
import { db } from "@/db";
import { notificationPrefs, type NewFill, type Order } from "@/db/schema";
import { exitClientOrderId, type LedgerAccount } from "@/lib/ledger/ingest-fills";
import { getLogger } from "@/lib/log";
import type { NotifyEvent } from "./events";

const log = getLogger("notify");

const OPT_IN_STATUSES: Partial<Record<Order["status"], "order_filled" | "order_skipped">> = {
  filled: "order_filled",
  placed: "order_filled",
  partially_filled: "order_filled",
  skipped: "order_skipped",
};
const ALWAYS = new Set<Order["status"]>(["failed", "rejected"]);

/**
 * The order events of finished trade-log rows: failures always (their default is on), the rest if opted in. Never
 * throws: it runs inside the execute path's batch, which a notification must not fail (without the preference
 * read only failures are sent).
 */
export async function orderEvents(
  rows: Array<Pick<Order, "id" | "userId" | "status">>,
): Promise<NotifyEvent[]> {
  const optIn = rows.filter((r) => OPT_IN_STATUSES[r.status]);
  const chosen = optIn.length
    ? await db
        .selectDistinct({ userId: notificationPrefs.userId, event: notificationPrefs.event })
        .from(notificationPrefs)
        .where(
          and(
            inArray(notificationPrefs.userId, [...new Set(optIn.map((r) => r.userId))]),
            inArray(notificationPrefs.event, ["order_filled", "order_skipped"]),
            eq(notificationPrefs.enabled, true),
          ),
        )
        .catch((err: unknown) => {
          log.warn({ err }, "notification preferences unreadable: only failed orders are notified");
          return [];
        })
    : [];
  const wanted = new Set(chosen.map((c) => `${c.userId}|${c.event}`));
  return rows
    .filter((r) => ALWAYS.has(r.status) || wanted.has(`${r.userId}|${OPT_IN_STATUSES[r.status]}`))
    .map((r) => ({ type: "order", userId: r.userId, orderId: r.id }));
}

/** The exit event of a trade-log row the paper exchange wrote for a stop, target or liquidation. */
export const exitEvent = (o: Pick<Order, "id" | "userId">): NotifyEvent => ({
  type: "exit",
  userId: o.userId,
  orderId: o.id,
});

/** The exit events of a live account's newly ingested fills that the exchange's stop, target or liquidation made. */
export function liveExitEvents(account: LedgerAccount, written: NewFill[]): NotifyEvent[] {
  return written
    .filter((f) => f.exitKind === "stop_loss" || f.exitKind === "take_profit" || f.exitKind === "liquidation")
    .map((f) => ({
      type: "exit",
      userId: account.userId,
      clientOrderId: exitClientOrderId(account.id, f.tradeId),
    }));
}
