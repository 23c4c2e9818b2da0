// A decision as the dashboard holds it (from GET /api/decisions or a live `decision` stream event), and its
// chart marker: buy ↑ below the bar, sell ↓ above, close ● above, hold none.
import type { SymbolMarker } from "@/components/market/align-markers";

/** A decision on the dashboard; `tickTime` in epoch ms. */
export interface DecisionItem {
  id: number;
  symbol: string;
  tickTime: number;
  /** Open time of the last candle the decision saw (epoch ms); null for decisions made without candles. */
  candleTime: number | null;
  action: "buy" | "sell" | "close" | "hold";
  confidence: number;
  leverage: number;
  stopLoss: number | null;
  takeProfit: number | null;
  reason: string;
  price: number | null;
  provider: string;
  model: string;
  status: string;
}

/** Normalise an API row or stream payload (tickTime as ISO text or ms). */
export function toDecisionItem(
  raw: Omit<DecisionItem, "tickTime" | "candleTime"> & {
    tickTime: string | number;
    candleTime?: string | number | null;
  },
): DecisionItem {
  const ms = (v: string | number) => (typeof v === "number" ? v : Date.parse(v));
  const tickTime = ms(raw.tickTime);
  const candleTime = raw.candleTime === null || raw.candleTime === undefined ? null : ms(raw.candleTime);
  return {
    id: raw.id,
    symbol: raw.symbol,
    tickTime,
    candleTime,
    action: raw.action,
    confidence: Number(raw.confidence),
    leverage: Number(raw.leverage),
    stopLoss: raw.stopLoss ?? null,
    takeProfit: raw.takeProfit ?? null,
    reason: raw.reason,
    price: raw.price ?? null,
    provider: raw.provider,
    model: raw.model,
    status: raw.status,
  };
}

const STYLE = {
  buy: { position: "belowBar", shape: "arrowUp", color: "#16a34a", text: "B" },
  sell: { position: "aboveBar", shape: "arrowDown", color: "#dc2626", text: "S" },
  close: { position: "aboveBar", shape: "circle", color: "#d97706", text: "C" },
} as const;

/** The chart marker of a decision, or null for a hold. */
export function decisionMarker(d: DecisionItem): SymbolMarker | null {
  if (d.action === "hold") return null;
  const s = STYLE[d.action];
  return {
    ...s,
    // On the candle the decision read: with a sped-up replay the feed's clock runs ahead of the wall clock.
    time: d.candleTime ?? d.tickTime,
    symbol: d.symbol,
    label: `${d.action} at ${new Date(d.tickTime).toISOString().slice(11, 16)} UTC, confidence ${Math.round(d.confidence * 100)}%`,
  };
}
