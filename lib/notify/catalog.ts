// What Tickpilot tells people about: the events, their labels and which channels carry them by default. Pure and
// free of Node modules, so the settings page's browser code shares it with the worker and the routes.
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

/** event → channel → on/off, defaults filled in. */
export type PrefMatrix = Record<NotifyEventName, Record<Channel, boolean>>;

/** What the settings page shows (GET /api/notifications/preferences): no secret, no chat id. */
export interface NotificationSettingsView {
  prefs: PrefMatrix;
  telegram: { available: boolean; linked: boolean; username: string | null; bot: string | null };
  webhook: { url: string | null };
  summaryHour: number | null;
}

/** One in-app notification as the browser sees it (GET /api/notifications). */
export interface NotificationItem {
  id: number;
  event: string;
  title: string;
  body: string;
  read: boolean;
  createdAt: string;
}
