import "server-only";
// The live exchange adapter: a real ccxt client per account, configured from the registry.
// Placing an order is idempotent by client order id: a duplicate or an unclear failure is resolved by lookup.
import * as ccxt from "ccxt";
import type { Exchange, Order, Position } from "ccxt";
import { env } from "@/lib/env";
import { mapCcxtError } from "./map-error";
import type { LiveExchangeConfig } from "./registry";
import { accountLimiter, RATE_LIMIT_RETRIES, type AccountLimiter } from "./rate-limit";
import type {
  Balance,
  ExchangeAdapter,
  ExchangeFill,
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
  /** OKX's API key passphrase (ccxt's `password`). */
  passphrase?: string | null;
  testnet: boolean;
}

/**
 * Build the ccxt client: testnet via sandbox mode, every API hostname replaced when an override URL is set (the
 * path of each API root is kept: Binance's are `/fapi/v1`, `/sapi/v1`, …).
 */
export function createCcxtClient(config: LiveExchangeConfig, creds: Credentials, apiUrl?: string): Exchange {
  const Klass = (ccxt as unknown as Record<string, new (o: object) => Exchange>)[config.ccxtId];
  if (!Klass) throw new ExchangeError("unavailable", `${config.name} is not supported by this ccxt version`);
  const ex = new Klass({
    apiKey: creds.apiKey,
    secret: creds.apiSecret,
    ...(creds.passphrase ? { password: creds.passphrase } : {}),
    timeout: env.EXCHANGE_TIMEOUT_MS,
    enableRateLimit: true,
    options: { ...config.options },
  });
  if (creds.testnet) ex.setSandboxMode(true);
  if (apiUrl) {
    const base = apiUrl.replace(/\/$/, "");
    const api = ex.urls.api as Record<string, string>;
    for (const k of Object.keys(api)) api[k] = base + api[k]!.replace(/^[a-z]+:\/\/[^/]+/, "");
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

/** ccxt's unified order status → ours, explicitly (a part-filled open order is `partially_filled`). */
export function orderStatusOf(o: Pick<Order, "status" | "filled">): ExchangeOrder["status"] {
  switch (o.status) {
    case "closed":
      return "filled";
    case "canceled":
      return "cancelled";
    case "rejected":
      return "rejected";
    case "expired":
      return "expired";
    default:
      return Number(o.filled ?? 0) > 0 ? "partially_filled" : "open";
  }
}

// Amounts in ccxt are contracts; ours are base asset (a contract is 0.01 BTC on OKX, 1 BTC on Bybit and Binance).
function toOrder(o: Order, clientOrderId: string, symbol: string, contractSize = 1): ExchangeOrder {
  return {
    id: String(o.id),
    clientOrderId: o.clientOrderId ?? clientOrderId,
    symbol,
    side: o.side === "sell" ? "sell" : "buy",
    qty: Number(o.amount ?? 0) * contractSize,
    price: o.average ?? (o.price ? Number(o.price) : null),
    status: orderStatusOf(o),
    filledQty: Number(o.filled ?? 0) * contractSize,
    fee: Number(o.fee?.cost ?? 0),
    reduceOnly: Boolean(o.reduceOnly),
  };
}

/** An ExchangeAdapter over one ccxt client. */
export class CcxtAdapter implements ExchangeAdapter {
  readonly exchange: string;
  private readonly cacheKey: string;
  private readonly limits: AccountLimiter;
  constructor(
    private readonly config: LiveExchangeConfig,
    private readonly ex: Exchange,
    accountId: number | null = null,
  ) {
    this.exchange = config.ccxtId;
    this.cacheKey = `${config.ccxtId}|${JSON.stringify(ex.urls.api)}`;
    this.limits = accountLimiter(config, accountId);
  }

  // One REST call: the shared rate-limit buckets first, then the call; the exchange's own rate-limit answer
  // backs off and tries again (a refused request placed nothing, so repeating it cannot duplicate an order).
  private async call<T>(fn: () => Promise<T>, kind: "request" | "order" = "request"): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        await ensureMarkets(this.ex, this.cacheKey);
        await this.limits.acquire(kind);
        return await fn();
      } catch (err) {
        const mapped = mapCcxtError(err, this.config.name);
        if (mapped.kind !== "rate_limited" || attempt >= RATE_LIMIT_RETRIES) throw mapped;
        await this.limits.backoff(attempt);
      }
    }
  }

  private exchangeId(canonical: string): string {
    return this.config.clientIdFor?.(canonical) ?? canonical;
  }

  private canonical(exchangeId: string | null | undefined): string | null {
    if (!exchangeId) return null;
    return this.config.canonicalClientId?.(exchangeId) ?? exchangeId;
  }

  // Base asset per contract of a market (markets must be loaded).
  private contractSize(market: string): number {
    return Number(this.ex.market(market).contractSize ?? 1) || 1;
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
    const market = this.config.toMarket(symbol);
    const p: Position | undefined = this.config.fetchPosition
      ? await this.call(() => this.config.fetchPosition!(this.ex, market))
      : await this.call(() => this.ex.fetchPosition(market));
    const marginMode = p?.marginMode ?? null;
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
      marginMode,
    };
  }

  async getMarketLimits(symbol: string): Promise<MarketLimits> {
    await this.call(() => this.ex.loadMarkets());
    const market = this.config.toMarket(symbol);
    const m = this.ex.market(market);
    const cs = this.contractSize(market);
    const maxLeverage =
      m.limits.leverage?.max ??
      (this.config.maxLeverage ? await this.call(() => this.config.maxLeverage!(this.ex, market)) : 1);
    return {
      minQty: Number(m.limits.amount?.min ?? 0) * cs,
      qtyStep: Number(m.precision.amount ?? 0.001) * cs,
      minNotional: Number(m.limits.cost?.min ?? 0),
      maxLeverage: Number(maxLeverage),
      priceTick: Number(m.precision.price ?? 0.01),
    };
  }

  async setLeverage(symbol: string, leverage: number): Promise<void> {
    await this.call(async () => {
      try {
        await this.ex.setLeverage(leverage, this.config.toMarket(symbol));
      } catch (err) {
        // Bybit answers "leverage not modified" (110043) when it is already set: that is success.
        if (err instanceof ccxt.BadRequest && /110043|not modified/i.test(err.message)) return;
        throw err;
      }
    });
  }

  async placeMarketOrder(input: PlaceOrderInput): Promise<ExchangeOrder> {
    const market = this.config.toMarket(input.symbol);
    const exchangeId = this.exchangeId(input.clientOrderId);
    const params: Record<string, unknown> = { [this.config.clientIdParam]: exchangeId };
    const separate = Boolean(this.config.placeProtection);
    if (input.reduceOnly) params.reduceOnly = true;
    if (input.stopLoss && !separate) params.stopLoss = { triggerPrice: input.stopLoss };
    if (input.takeProfit && !separate) params.takeProfit = { triggerPrice: input.takeProfit };
    // Stop loss / take profit as their own orders after the entry (idempotent per entry id).
    const protect = async () => {
      if (!separate || input.reduceOnly || !(input.stopLoss || input.takeProfit)) return;
      await this.call(() => this.config.placeProtection!(this.ex, market, input, exchangeId), "order");
    };
    if (this.config.lookUpBeforePlacing) {
      const existing = await this.findOrderByClientId(input.symbol, input.clientOrderId);
      if (existing) return (await protect(), existing);
    }
    let createdId = "";
    try {
      createdId =
        (
          await this.call(() => {
            const amount = Number((input.qty / this.contractSize(market)).toFixed(8));
            return this.ex.createOrder(market, "market", input.side, amount, undefined, params);
          }, "order")
        ).id ?? "";
    } catch (err) {
      const mapped = mapCcxtError(err, this.config.name);
      // A duplicate client id (Bybit 110072) or a lost answer: the order may exist — look it up first.
      if (mapped.kind === "rejected" || mapped.kind === "unavailable" || mapped.kind === "rate_limited") {
        const existing = await this.findOrderByClientId(input.symbol, input.clientOrderId).catch(() => null);
        if (existing) return (await protect(), existing);
      }
      throw mapped;
    }
    await protect();
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
      filledQty: 0,
      fee: 0,
      reduceOnly: Boolean(input.reduceOnly),
    };
  }

  /** Our order with this (canonical) client id — only an order whose client id matches, never any other. */
  async findOrderByClientId(symbol: string, clientOrderId: string): Promise<ExchangeOrder | null> {
    const market = this.config.toMarket(symbol);
    const exchangeId = this.exchangeId(clientOrderId);
    const params = { [this.config.clientIdParam]: exchangeId };
    const matches = (orders: Order[]) => orders.find((o) => o.clientOrderId === exchangeId);
    const own = (o: Order) => ({
      ...toOrder(o, clientOrderId, symbol, this.contractSize(market)),
      clientOrderId,
    });
    if (this.config.findOrder) {
      const one = await this.call(() => this.config.findOrder!(this.ex, market, exchangeId));
      return one && matches([one]) ? own(one) : null;
    }
    const open = await this.call(() => this.ex.fetchOpenOrders(market, undefined, undefined, params));
    const found =
      matches(open) ??
      matches(
        await this.call(() =>
          this.ex.has.fetchCanceledAndClosedOrders
            ? this.ex.fetchCanceledAndClosedOrders(market, undefined, undefined, params)
            : this.ex.fetchClosedOrders(market, undefined, undefined, params),
        ),
      );
    return found ? own(found) : null;
  }

  async fetchOpenOrders(symbol: string): Promise<ExchangeOrder[]> {
    const market = this.config.toMarket(symbol);
    const open = await this.call(() => this.ex.fetchOpenOrders(market));
    return open.map((o) => ({
      ...toOrder(o, "", symbol, this.contractSize(market)),
      clientOrderId: this.canonical(o.clientOrderId) ?? "",
    }));
  }

  async fetchFills(symbol: string, since: number): Promise<ExchangeFill[]> {
    const market = this.config.toMarket(symbol);
    const raw = this.config.fetchFills
      ? await this.call(() =>
          this.config.fetchFills!(this.ex, market, String(this.ex.market(market).id), since),
        )
      : (await this.call(() => this.ex.fetchMyTrades(market, since, 1000))).map((t): ExchangeFill => ({
          tradeId: String(t.id),
          orderId: String(t.order ?? ""),
          clientOrderId: ((t.info ?? {}) as Record<string, string>).clientOrderId ?? null,
          symbol,
          side: t.side === "sell" ? "sell" : "buy",
          qty: Number(t.amount ?? 0) * this.contractSize(market),
          price: Number(t.price ?? 0),
          fee: Number(t.fee?.cost ?? 0),
          feeCurrency: t.fee?.currency ?? "USDT",
          liquidity: t.takerOrMaker === "maker" ? "maker" : t.takerOrMaker === "taker" ? "taker" : null,
          exit: null,
          time: Number(t.timestamp ?? 0),
        }));
    return raw.map((f) => ({ ...f, symbol, clientOrderId: this.canonical(f.clientOrderId) }));
  }

  async cancelOrder(symbol: string, orderId: string): Promise<void> {
    await this.call(() => this.ex.cancelOrder(orderId, this.config.toMarket(symbol)));
  }

  async getPermissions(): Promise<KeyPermissions> {
    return this.call(() => this.config.readPermissions(this.ex));
  }
}
