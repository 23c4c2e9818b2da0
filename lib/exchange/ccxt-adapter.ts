import "server-only";
// The live exchange adapter: a real ccxt client per account, configured from the registry.
// Placing an order is idempotent by client order id: a duplicate or an unclear failure is resolved by lookup.
import * as ccxt from "ccxt";
import type { Exchange, Order, Position } from "ccxt";
import { env } from "@/lib/env";
import { mapCcxtError } from "./map-error";
import type { LiveExchangeConfig } from "./registry";
import type {
  Balance,
  ExchangeAdapter,
  ExchangeOrder,
  ExchangePosition,
  KeyPermissions,
  MarketLimits,
  PlaceOrderInput,
} from "./types";
import { ExchangeError } from "./types";

export interface Credentials {
  apiKey: string;
  apiSecret: string;
  testnet: boolean;
}

/** Build the ccxt client: testnet via sandbox mode, every API hostname replaced when an override URL is set. */
export function createCcxtClient(config: LiveExchangeConfig, creds: Credentials, apiUrl?: string): Exchange {
  const Klass = (ccxt as unknown as Record<string, new (o: object) => Exchange>)[config.ccxtId];
  if (!Klass) throw new ExchangeError("unavailable", `${config.name} is not supported by this ccxt version`);
  const ex = new Klass({
    apiKey: creds.apiKey,
    secret: creds.apiSecret,
    timeout: env.EXCHANGE_TIMEOUT_MS,
    enableRateLimit: true,
    options: { ...config.options },
  });
  if (creds.testnet) ex.setSandboxMode(true);
  if (apiUrl) {
    const base = apiUrl.replace(/\/$/, "");
    const api = ex.urls.api as Record<string, string>;
    for (const k of Object.keys(api)) api[k] = base;
  }
  return ex;
}

// Markets are public and change rarely: share them across clients for an hour so that an order job per user
// does not reload the exchange's instrument list each time.
const MARKETS_TTL_MS = 3_600_000;
const marketCache = new Map<string, { at: number; markets: Exchange["markets"] }>();

async function ensureMarkets(ex: Exchange, cacheKey: string): Promise<void> {
  if (ex.markets) return;
  const hit = marketCache.get(cacheKey);
  if (hit && Date.now() - hit.at < MARKETS_TTL_MS) {
    ex.setMarkets(hit.markets);
    return;
  }
  await ex.loadMarkets();
  marketCache.set(cacheKey, { at: Date.now(), markets: ex.markets });
}

function toOrder(o: Order, clientOrderId: string, symbol: string): ExchangeOrder {
  const status =
    o.status === "closed"
      ? "filled"
      : o.status === "canceled"
        ? "cancelled"
        : o.status === "rejected" || o.status === "expired"
          ? "rejected"
          : "open";
  return {
    id: String(o.id),
    clientOrderId: o.clientOrderId ?? clientOrderId,
    symbol,
    side: o.side === "sell" ? "sell" : "buy",
    qty: Number(o.amount ?? 0),
    price: o.average ?? (o.price ? Number(o.price) : null),
    status,
    fee: Number(o.fee?.cost ?? 0),
    reduceOnly: Boolean(o.reduceOnly),
  };
}

/** An ExchangeAdapter over one ccxt client. */
export class CcxtAdapter implements ExchangeAdapter {
  readonly exchange: string;
  private readonly cacheKey: string;
  constructor(
    private readonly config: LiveExchangeConfig,
    private readonly ex: Exchange,
  ) {
    this.exchange = config.ccxtId;
    this.cacheKey = `${config.ccxtId}|${JSON.stringify(ex.urls.api)}`;
  }

  private async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      await ensureMarkets(this.ex, this.cacheKey);
      return await fn();
    } catch (err) {
      throw mapCcxtError(err, this.config.name);
    }
  }

  async getBalance(): Promise<Balance> {
    const bal = await this.call(() => this.ex.fetchBalance({ type: "swap" }));
    const usdt = (bal as unknown as Record<string, { total?: number; free?: number }>).USDT ?? {};
    return {
      equity: Number(usdt.total ?? 0),
      available: Number(usdt.free ?? usdt.total ?? 0),
      currency: "USDT",
    };
  }

  async getPosition(symbol: string): Promise<ExchangePosition | null> {
    const p: Position = await this.call(() => this.ex.fetchPosition(this.config.toMarket(symbol)));
    const qty = Number(p?.contracts ?? 0) * Number(p?.contractSize ?? 1);
    if (!p || !qty) return null;
    const info = (p.info ?? {}) as Record<string, string>;
    return {
      symbol,
      side: p.side === "short" ? "short" : "long",
      qty,
      entryPrice: Number(p.entryPrice ?? 0),
      leverage: Number(p.leverage ?? 1),
      unrealizedPnl: Number(p.unrealizedPnl ?? 0),
      liquidationPrice: p.liquidationPrice ? Number(p.liquidationPrice) : null,
      stopLoss: Number(info.stopLoss) || null,
      takeProfit: Number(info.takeProfit) || null,
    };
  }

  async getMarketLimits(symbol: string): Promise<MarketLimits> {
    await this.call(() => this.ex.loadMarkets());
    const m = this.ex.market(this.config.toMarket(symbol));
    return {
      minQty: Number(m.limits.amount?.min ?? 0),
      qtyStep: Number(m.precision.amount ?? 0.001),
      minNotional: Number(m.limits.cost?.min ?? 0),
      maxLeverage: Number(m.limits.leverage?.max ?? 1),
    };
  }

  async setLeverage(symbol: string, leverage: number): Promise<void> {
    try {
      await ensureMarkets(this.ex, this.cacheKey);
      await this.ex.setLeverage(leverage, this.config.toMarket(symbol));
    } catch (err) {
      // Bybit answers "leverage not modified" (110043) when it is already set: that is success.
      if (err instanceof ccxt.BadRequest && /110043|not modified/i.test(err.message)) return;
      throw mapCcxtError(err, this.config.name);
    }
  }

  async placeMarketOrder(input: PlaceOrderInput): Promise<ExchangeOrder> {
    const market = this.config.toMarket(input.symbol);
    const params: Record<string, unknown> = { [this.config.clientIdParam]: input.clientOrderId };
    if (input.reduceOnly) params.reduceOnly = true;
    if (input.stopLoss) params.stopLoss = { triggerPrice: input.stopLoss };
    if (input.takeProfit) params.takeProfit = { triggerPrice: input.takeProfit };
    let createdId = "";
    try {
      await ensureMarkets(this.ex, this.cacheKey);
      createdId =
        (await this.ex.createOrder(market, "market", input.side, input.qty, undefined, params)).id ?? "";
    } catch (err) {
      const mapped = mapCcxtError(err, this.config.name);
      // A duplicate client id (Bybit 110072) or a lost answer: the order may exist — look it up first.
      if (mapped.kind === "rejected" || mapped.kind === "unavailable") {
        const existing = await this.findOrderByClientId(input.symbol, input.clientOrderId).catch(() => null);
        if (existing) return existing;
      }
      throw mapped;
    }
    // The order is placed; a failed read-back must not look like a failed order.
    const placed = await this.findOrderByClientId(input.symbol, input.clientOrderId).catch(() => null);
    if (placed) return placed;
    // Accepted but not yet visible in the order lists: report it as open with the exchange's id.
    return {
      id: createdId,
      clientOrderId: input.clientOrderId,
      symbol: input.symbol,
      side: input.side,
      qty: input.qty,
      price: null,
      status: "open",
      fee: 0,
      reduceOnly: Boolean(input.reduceOnly),
    };
  }

  async findOrderByClientId(symbol: string, clientOrderId: string): Promise<ExchangeOrder | null> {
    const market = this.config.toMarket(symbol);
    const params = { [this.config.clientIdParam]: clientOrderId };
    const open = await this.call(() => this.ex.fetchOpenOrders(market, undefined, undefined, params));
    const found =
      open[0] ??
      (
        await this.call(() =>
          this.ex.has.fetchCanceledAndClosedOrders
            ? this.ex.fetchCanceledAndClosedOrders(market, undefined, undefined, params)
            : this.ex.fetchClosedOrders(market, undefined, undefined, params),
        )
      )[0];
    return found ? toOrder(found, clientOrderId, symbol) : null;
  }

  async cancelOrder(symbol: string, orderId: string): Promise<void> {
    await this.call(() => this.ex.cancelOrder(orderId, this.config.toMarket(symbol)));
  }

  async getPermissions(): Promise<KeyPermissions> {
    return this.call(() => this.config.readPermissions(this.ex));
  }
}
