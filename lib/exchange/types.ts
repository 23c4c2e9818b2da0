// The one exchange interface the platform trades through (ccxt live exchanges and the paper exchange).
// Quantities are in base asset (BTC for BTCUSDT), prices in USDT.

export type OrderSide = "buy" | "sell";

export interface Balance {
  /** Wallet balance + unrealised PnL, in USDT. */
  equity: number;
  /** Free margin available for new orders, in USDT. */
  available: number;
  currency: "USDT";
}

export interface ExchangePosition {
  symbol: string;
  side: "long" | "short";
  qty: number;
  entryPrice: number;
  leverage: number;
  unrealizedPnl: number;
  liquidationPrice: number | null;
  stopLoss: number | null;
  takeProfit: number | null;
}

export interface MarketLimits {
  /** Smallest order quantity and the quantity step (orders are rounded down to it). */
  minQty: number;
  qtyStep: number;
  /** Smallest order value in USDT (0 when the exchange has none). */
  minNotional: number;
  maxLeverage: number;
}

export interface PlaceOrderInput {
  symbol: string;
  side: OrderSide;
  qty: number;
  /** Ours, deterministic, ≤ 36 chars; sent as Bybit's orderLinkId. Placing it twice must not place twice. */
  clientOrderId: string;
  reduceOnly?: boolean;
  /** Absolute trigger prices attached to the order. */
  stopLoss?: number;
  takeProfit?: number;
}

export interface ExchangeOrder {
  id: string;
  clientOrderId: string;
  symbol: string;
  side: OrderSide;
  qty: number;
  /** Average fill price (null while unfilled). */
  price: number | null;
  status: "open" | "filled" | "cancelled" | "rejected";
  fee: number;
  reduceOnly: boolean;
}

export interface KeyPermissions {
  canTrade: boolean;
  canWithdraw: boolean;
  /** The exchange's own permission report, for display (never secrets). */
  raw: Record<string, unknown>;
}

export interface ExchangeAdapter {
  readonly exchange: string;
  getBalance(): Promise<Balance>;
  getPosition(symbol: string): Promise<ExchangePosition | null>;
  getMarketLimits(symbol: string): Promise<MarketLimits>;
  setLeverage(symbol: string, leverage: number): Promise<void>;
  /** Market order; returns the existing order when `clientOrderId` was already used. */
  placeMarketOrder(input: PlaceOrderInput): Promise<ExchangeOrder>;
  findOrderByClientId(symbol: string, clientOrderId: string): Promise<ExchangeOrder | null>;
  cancelOrder(symbol: string, orderId: string): Promise<void>;
  getPermissions(): Promise<KeyPermissions>;
}

/** Why an exchange call failed, so callers can retry (transient) or stop (permanent). */
export type ExchangeErrorKind =
  | "auth" // key rejected or revoked — permanent
  | "permission" // key lacks a needed permission (or can withdraw) — permanent
  | "insufficient_balance" // permanent for this order
  | "rejected" // order rejected by the exchange (bad qty, …) — permanent for this order
  | "unavailable" // network, timeout, 5xx, rate limit — transient: look up by clientOrderId, then retry
  | "not_found";

/** An exchange failure with a kind and a message safe to show the user. */
export class ExchangeError extends Error {
  override name = "ExchangeError";
  constructor(
    public readonly kind: ExchangeErrorKind,
    message: string,
  ) {
    super(message);
  }
  get transient(): boolean {
    return this.kind === "unavailable";
  }
}
