// The events hooks enqueue (ids only) and the one key per event occurrence that makes every delivery idempotent.
// Pure (no I/O). The catalog of names, labels and defaults is catalog.ts (the browser imports it too).
import { createHash } from "node:crypto";

export {
  CHANNEL_LABELS,
  CHANNELS,
  defaultEnabled,
  EVENT_INFO,
  NOTIFY_EVENTS,
  type Channel,
  type NotifyEventName,
} from "./catalog";

/** Something that happened, as enqueued by a hook: ids only, never secrets or message text. */
export type NotifyEvent =
  | { type: "order"; userId: number; orderId: number }
  | { type: "exit"; userId: number; orderId?: number; clientOrderId?: string }
  | { type: "loss_limit"; userId: number; settingsId: number; day: string }
  | { type: "auto_trade_off"; userId: number; reason: "operator" | "suspended" | "billing"; at: number }
  | { type: "key_rejected"; userId: number; accountId: number; day: string }
  | { type: "billing"; userId: number; subscriptionId: string; status: string; plan: string }
  /** `day`: the UTC hour the summary's 24 hours end at, `YYYY-MM-DDTHH`. */
  | { type: "daily_summary"; userId: number; day: string };

const short = (s: string) => createHash("sha256").update(s).digest("hex").slice(0, 16);

/** One occurrence's key: the same event enqueued twice (a retried hook) has the same key. No `:` (BullMQ ids). */
export function eventKey(e: NotifyEvent): string {
  switch (e.type) {
    case "order":
      return `order-${e.orderId}`;
    case "exit":
      return `exit-${e.orderId ?? short(e.clientOrderId ?? "")}`;
    case "loss_limit":
      return `loss-${e.settingsId}-${e.day}`;
    case "auto_trade_off":
      return `off-${e.reason}-${e.at}`;
    case "key_rejected":
      return `key-${e.accountId}-${e.day}`;
    case "billing":
      return `bill-${short(`${e.subscriptionId}|${e.status}|${e.plan}`)}`;
    case "daily_summary":
      return `sum-${e.day}`;
  }
}

/** Today's UTC date as `YYYY-MM-DD` (the day keys of once-a-day events). */
export function utcDay(at: Date = new Date()): string {
  return at.toISOString().slice(0, 10);
}

/** The UTC hour as `YYYY-MM-DDTHH` (the end of a daily summary's 24 hours). */
export function utcHour(at: Date = new Date()): string {
  return at.toISOString().slice(0, 13);
}
