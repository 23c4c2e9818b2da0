// Every notification's words, in one place: title and lines per event from the data loaded for it, the same for
// in-app, email, Telegram and webhooks. Pure. Text from outside (an exchange's error) passes through redact(), so a
// message never carries a key, a signature or a query string.
import type { NotifyEventName } from "./events";

/** What one event's message is made from (loaded from the database by load-message.ts). */
export type MessageData =
  | {
      event: "order_filled" | "order_failed" | "order_skipped";
      /** The trade-log status (a live order can be placed and fill later). */
      status: string;
      symbol: string;
      side: string | null;
      qty: number | null;
      price: number | null;
      reason: string | null;
    }
  | {
      event: "exit";
      symbol: string;
      kind: "stop_loss" | "take_profit" | "liquidation";
      qty: number | null;
      price: number | null;
      pnl: number | null;
      fee: number | null;
    }
  | { event: "loss_limit"; symbol: string; notice: string | null }
  | { event: "auto_trade_off"; reason: "operator" | "suspended" | "billing"; detail: string | null }
  | { event: "key_rejected"; label: string; exchange: string; reason: string | null }
  | { event: "billing"; plan: string; status: string }
  | {
      event: "daily_summary";
      day: string;
      pnl: number;
      fees: number;
      trades: number;
      exits: number;
      decisions: number;
      holds: number;
      skipped: number;
    };

/** A rendered notification: one title, a few plain lines, and where in the app to look. */
export interface Message {
  event: NotifyEventName;
  title: string;
  lines: string[];
  path: string;
}

/** Strip what could be a secret from outside text: URLs' query strings, long tokens, key=value credentials. */
export function redact(text: string | null | undefined): string {
  if (!text) return "";
  return text
    .replace(/(https?:\/\/[^\s?#]+)[?#][^\s]*/gi, "$1")
    .replace(
      /([A-Za-z_-]*(?:key|secret|sign(?:ature)?|token|passphrase|password))\s*[=:]\s*[^\s,;&]+/gi,
      "$1=[hidden]",
    )
    .replace(/[A-Za-z0-9+/_=-]{32,}/g, "[hidden]")
    .slice(0, 500);
}

const usd = (n: number | null) =>
  n === null ? "–" : `${n < 0 ? "−" : n > 0 ? "+" : ""}${Math.abs(n).toFixed(2)} USDT`;
const num = (n: number | null) => (n === null ? "–" : String(Number(n.toPrecision(8))));
const sideWord = (s: string | null) => (s === "buy" ? "Buy" : s === "sell" ? "Sell" : "Order");

const EXIT_WORDS = { stop_loss: "Stop loss hit", take_profit: "Take profit hit", liquidation: "Liquidated" };
const OFF_WORDS = {
  operator: "An operator switched your auto-trading off.",
  suspended: "Your account was suspended, so auto-trading is off.",
  billing: "Live trading is paused by your billing status; open positions are still managed.",
};

/** Render one event's message. */
export function renderMessage(d: MessageData): Message {
  switch (d.event) {
    case "order_filled":
      return {
        event: d.event,
        title: `${sideWord(d.side)} ${d.symbol} ${d.status === "filled" ? "filled" : "placed"}`,
        lines: [
          d.status === "filled"
            ? `${sideWord(d.side)} ${num(d.qty)} ${d.symbol} at ${num(d.price)}.`
            : `${sideWord(d.side)} ${num(d.qty)} ${d.symbol} is on the exchange; it fills there.`,
        ],
        path: "/dashboard",
      };
    case "order_failed":
      return {
        event: d.event,
        title: `Order failed on ${d.symbol}`,
        lines: [`The order could not be placed: ${redact(d.reason) || "unknown reason"}`],
        path: "/dashboard",
      };
    case "order_skipped":
      return {
        event: d.event,
        title: `Decision skipped on ${d.symbol}`,
        lines: [redact(d.reason) || "No order was placed."],
        path: "/dashboard",
      };
    case "exit":
      return {
        event: d.event,
        title: `${EXIT_WORDS[d.kind]} on ${d.symbol}`,
        lines: [
          `${EXIT_WORDS[d.kind]}: ${num(d.qty)} ${d.symbol} closed at ${num(d.price)}.`,
          `Realised PnL ${usd(d.pnl)}, fee ${usd(d.fee === null ? null : -d.fee)}.`,
        ],
        path: "/dashboard",
      };
    case "loss_limit":
      return {
        event: d.event,
        title: `Daily loss limit reached on ${d.symbol}`,
        lines: [redact(d.notice) || "Auto-trading was switched off for the rest of the day."],
        path: "/dashboard/settings",
      };
    case "auto_trade_off":
      return {
        event: d.event,
        title: "Auto-trading switched off",
        lines: [OFF_WORDS[d.reason], ...(d.detail ? [redact(d.detail)] : [])],
        path: "/dashboard",
      };
    case "key_rejected":
      return {
        event: d.event,
        title: `Exchange key rejected: ${d.label}`,
        lines: [
          `${d.exchange} refused the API key of "${d.label}": ${redact(d.reason) || "authentication failed"}.`,
          "Auto-trading on this account stops until you replace the key.",
        ],
        path: "/dashboard/exchange-keys",
      };
    case "billing":
      return {
        event: d.event,
        title: `Your plan: ${d.plan} (${d.status.replace(/_/g, " ")})`,
        lines: [`Your subscription is now ${d.status.replace(/_/g, " ")} on the ${d.plan} plan.`],
        path: "/billing",
      };
    case "daily_summary":
      return {
        event: d.event,
        title: `Daily summary (24 h to ${d.day.replace("T", " ")}:00 UTC): ${usd(d.pnl)}`,
        lines: [
          `Realised PnL ${usd(d.pnl)} after ${d.fees.toFixed(2)} USDT fees.`,
          `Trades ${d.trades} (exits by stop/target/liquidation ${d.exits}), skipped ${d.skipped}.`,
          `Decisions ${d.decisions}, of which holds ${d.holds}.`,
        ],
        path: "/dashboard/trades",
      };
  }
}

/** Plain text of a message (Telegram, webhook `text`). */
export function messageText(m: Message): string {
  return [m.title, "", ...m.lines].join("\n");
}
