// What GET /api/signal-sources returns (the signals page's data); components never import the server modules.
import type { OrderStatus } from "@/components/trading/order-status";

/** A signal source as listed: never the token, only its last characters. */
export interface SourceItem {
  id: number;
  name: string;
  masked: string;
  createdAt: string;
  lastUsedAt: string | null;
  rotatedAt: string | null;
}

export type FollowMode = "shared" | "signals" | "both";

/** What auto-trading follows on one symbol. */
export interface FollowModeItem {
  symbol: string;
  mode: FollowMode;
  autoTrade: boolean;
}

/** One received alert and its outcome. */
export interface SignalItem {
  id: number;
  createdAt: string;
  source: string;
  format: "json" | "text";
  action: "buy" | "sell" | "close" | null;
  symbol: string | null;
  alertId: string | null;
  status: "accepted" | "rejected";
  reason: string | null;
  decisionId: number | null;
  orderStatus: OrderStatus | null;
  orderReason: string | null;
  orderQty: number | null;
  orderPrice: number | null;
}

export interface SignalsData {
  sources: SourceItem[];
  modes: FollowModeItem[];
  signals: SignalItem[];
}

/** A source with its URL, as creation and rotation answer (the only time the URL is shown). */
export interface SourceWithUrl {
  source: SourceItem;
  url: string;
}
