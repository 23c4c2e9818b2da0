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
  /** isolated / cross, as the exchange reports it (null when it does not say). */
  marginMode?: string | null;
}

export interface MarketLimits {
  /** Smallest order quantity and the quantity step (orders are rounded down to it). */
  minQty: number;
  qtyStep: number;
  /** Smallest order value in USDT (0 when the exchange has none). */
  minNotional: number;
  maxLeverage: number;
  /** Price tick: stop-loss and take-profit prices are rounded to it. */
  priceTick: number;
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
  /** The exchange's state, mapped explicitly (a part-filled order that was then cancelled is `cancelled`). */
  status: "open" | "partially_filled" | "filled" | "cancelled" | "rejected" | "expired";
  /** How much of `qty` has filled so far. */
  filledQty: number;
  fee: number;
  reduceOnly: boolean;
}

/** One execution on the exchange (a trade of ours, of the account's owner, or a triggered exit). */
export interface ExchangeFill {
  tradeId: string;
  orderId: string;
  /** The order's client id as the exchange has it (null or an exchange-made id for orders we did not place). */
  clientOrderId: string | null;
  symbol: string;
  side: OrderSide;
  qty: number;
  price: number;
  fee: number;
  feeCurrency: string;
  liquidity: "maker" | "taker" | null;
  /** Set when the exchange itself closed: a stop loss or take profit it held, or a liquidation. */
  exit: "stop_loss" | "take_profit" | "liquidation" | null;
  time: number;
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
  /** Open orders on the symbol (ours and anyone else's). */
  fetchOpenOrders(symbol: string): Promise<ExchangeOrder[]>;
  /** Executions on the symbol since `since` (ms), oldest first. */
  fetchFills(symbol: string, since: number): Promise<ExchangeFill[]>;
  cancelOrder(symbol: string, orderId: string): Promise<void>;
  getPermissions(): Promise<KeyPermissions>;
}

/** Why an exchange call failed, so callers can retry (transient) or stop (permanent). */
export type ExchangeErrorKind =
  | "auth" // key rejected or revoked — permanent
  | "permission" // key lacks a needed permission (or can withdraw) — permanent
  | "insufficient_balance" // permanent for this order
  | "rejected" // order rejected by the exchange (bad qty, …) — permanent for this order
  | "unavailable" // network, timeout, 5xx — transient: look up by clientOrderId, then retry
  | "rate_limited" // the exchange's rate limit — transient: back off, look up, retry
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
    return this.kind === "unavailable" || this.kind === "rate_limited";
  }
}
