// What Tickpilot tells people about: the events, their labels, which channels carry them by default, and the one
// key per event occurrence that makes every delivery idempotent. Pure (shared by the worker, routes and the page).
import { createHash } from "node:crypto";

/** Events a user can choose channels for (keys of notification_prefs.event). */
export const NOTIFY_EVENTS = [
  "order_filled",
  "order_failed",
  "order_skipped",
  "exit",
  "loss_limit",
  "auto_trade_off",
  "key_rejected",
  "billing",
  "daily_summary",
] as const;
export type NotifyEventName = (typeof NOTIFY_EVENTS)[number];

/** Where a notification can go. */
export const CHANNELS = ["inapp", "email", "telegram", "webhook"] as const;
export type Channel = (typeof CHANNELS)[number];

/** The settings page's words for each event, and whether it is on by default (every channel alike). */
export const EVENT_INFO: Record<NotifyEventName, { label: string; hint: string; defaultOn: boolean }> = {
  order_filled: { label: "Order filled", hint: "Every order Tickpilot places for you", defaultOn: false },
  order_failed: {
    label: "Order failed",
    hint: "The exchange refused or could not take an order",
    defaultOn: true,
  },
  order_skipped: {
    label: "Order skipped",
    hint: "A decision was not traded, with the reason (confidence, limits, stale price…)",
    defaultOn: false,
  },
  exit: {
    label: "Stop loss, take profit, liquidation",
    hint: "A position closed by the exchange",
    defaultOn: true,
  },
  loss_limit: { label: "Daily loss limit", hint: "Today's losses reached your limit", defaultOn: true },
  auto_trade_off: {
    label: "Auto-trading switched off",
    hint: "By an operator, a suspension or a billing pause",
    defaultOn: true,
  },
  key_rejected: {
    label: "Exchange key rejected",
    hint: "The exchange refused your API key",
    defaultOn: true,
  },
  billing: { label: "Plan and billing", hint: "Your plan or subscription changed", defaultOn: true },
  daily_summary: {
    label: "Daily summary",
    hint: "PnL, trades, fees, decisions and holds of the day, at the hour you pick",
    defaultOn: true,
  },
};

export const CHANNEL_LABELS: Record<Channel, string> = {
  inapp: "In app",
  email: "Email",
  telegram: "Telegram",
  webhook: "Webhook",
};

/** The default of one (event, channel) when the user has not chosen. */
export function defaultEnabled(event: NotifyEventName, _channel: Channel): boolean {
  return EVENT_INFO[event].defaultOn;
}

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
