import "server-only";
// Live exchanges by configuration: which ccxt class, which options, how symbols map and how a key's
// permissions are read. Another ccxt exchange with the same capabilities is one more entry here.
import type { Exchange, Order, Position } from "ccxt";
import { env } from "@/lib/env";
import { BINANCE_USDM } from "./registry-binance";
import { OKX_SWAP } from "./registry-okx";
import type { ExchangeFill, KeyPermissions } from "./types";

export interface LiveExchangeConfig {
  /** ccxt class id. */
  ccxtId: string;
  /** Shown in the UI. */
  name: string;
  /** Constructor options merged into ccxt's own. */
  options: Record<string, unknown>;
  /** BTCUSDT → the ccxt unified symbol of the USDT perpetual. */
  toMarket(symbol: string): string;
  /** The order parameter that carries our client order id. */
  clientIdParam: string;
  /** Read what the key may do. */
  readPermissions(ex: Exchange): Promise<KeyPermissions>;
  /** How to make a trade-only key, shown when a key can withdraw. */
  tradeOnlyHint: string;
  /** Base URL replacing every API hostname (tests, proxies), or undefined for the exchange itself. */
  apiUrl(): string | undefined;
  /** Base URL of the private WebSocket stream (tests), or undefined for the exchange's own. */
  privateWsUrl?(): string | undefined;
  /** Our canonical client order id → the id this exchange accepts (default: unchanged). */
  clientIdFor?(canonical: string): string;
  /** An order's client id on this exchange → our canonical id (default: unchanged). */
  canonicalClientId?(exchangeId: string): string;
  /** The key has a third part (OKX's passphrase, ccxt's `password`). */
  needsPassphrase?: boolean;
  /**
   * The exchange refuses a used client id only while that order is open (Binance, OKX): the adapter looks the id up
   * before placing, so a retry after a filled order returns it instead of placing a second one.
   */
  lookUpBeforePlacing?: boolean;
  /** One order by its client id on this exchange, open or done (default: open orders, then closed ones). */
  findOrder?(ex: Exchange, market: string, exchangeClientId: string): Promise<Order | null>;
  /**
   * Stop loss and take profit as separate orders after the entry (Binance); by default they are attached to the
   * market order (`stopLoss` / `takeProfit` params). Must be idempotent for the same entry id.
   */
  placeProtection?(
    ex: Exchange,
    market: string,
    input: { side: "buy" | "sell"; stopLoss?: number; takeProfit?: number },
    exchangeClientId: string,
  ): Promise<void>;
  /** The open position on one market, or undefined (default: ccxt's fetchPosition). */
  fetchPosition?(ex: Exchange, market: string): Promise<Position | undefined>;
  /** The market's highest leverage when the market list does not carry it (Binance). */
  maxLeverage?(ex: Exchange, market: string): Promise<number>;
  /** Executions since `since` (default: ccxt's fetchMyTrades). */
  fetchFills?(ex: Exchange, market: string, symbol: string, since: number): Promise<ExchangeFill[]>;
  /**
   * The exchange's published limits: REST requests per egress IP per window, and order placements per
   * account per second. Tickpilot's shared buckets use a safety margin below them.
   */
  rateLimits: { ipRequests: number; ipWindowMs: number; accountOrdersPerSecond: number };
}

interface BybitExecution {
  execId: string;
  orderId: string;
  orderLinkId: string;
  symbol: string;
  side: "Buy" | "Sell";
  execQty: string;
  execPrice: string;
  execFee: string;
  feeCurrency?: string;
  execType: string;
  stopOrderType?: string;
  createType?: string;
  execTime: string;
  isMaker: boolean;
}

// Bybit's execution list, every execution type (ccxt's fetchMyTrades asks for execType=Trade only, which
// leaves out liquidations), paginated by cursor.
async function bybitFills(
  ex: Exchange,
  _market: string,
  symbol: string,
  since: number,
): Promise<ExchangeFill[]> {
  const api = ex as unknown as {
    privateGetV5ExecutionList(
      p: object,
    ): Promise<{ result?: { list?: BybitExecution[]; nextPageCursor?: string } }>;
  };
  const out: ExchangeFill[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 50; page++) {
    const res = await api.privateGetV5ExecutionList({
      category: "linear",
      symbol,
      startTime: since,
      limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    for (const e of res.result?.list ?? []) {
      const how = `${e.stopOrderType ?? ""} ${e.createType ?? ""} ${e.execType}`;
      out.push({
        tradeId: e.execId,
        orderId: e.orderId,
        clientOrderId: e.orderLinkId || null,
        symbol: e.symbol,
        side: e.side === "Sell" ? "sell" : "buy",
        qty: Number(e.execQty),
        price: Number(e.execPrice),
        fee: Number(e.execFee),
        feeCurrency: e.feeCurrency ?? "USDT",
        liquidity: e.isMaker ? "maker" : "taker",
        exit: /BustTrade|AdlTrade|CreateByLiq|CreateByAdl/.test(how)
          ? "liquidation"
          : /StopLoss/.test(how)
            ? "stop_loss"
            : /TakeProfit/.test(how)
              ? "take_profit"
              : null,
        time: Number(e.execTime),
      });
    }
    cursor = res.result?.nextPageCursor || undefined;
    if (!cursor) break;
  }
  return out.sort((a, b) => a.time - b.time || a.tradeId.localeCompare(b.tradeId));
}

interface BybitQueryApi {
  result?: { readOnly?: number; permissions?: Record<string, string[]> };
}

/** Every live exchange the platform can trade on. */
export const LIVE_EXCHANGES: Record<string, LiveExchangeConfig> = {
  bybit: {
    ccxtId: "bybit",
    name: "Bybit",
    options: {
      defaultType: "swap",
      // Only USDT perpetuals are traded: load linear markets only.
      fetchMarkets: { types: ["linear"] },
      // Unified trading account assumed (every new Bybit account is one); skips two extra calls per client.
      enableUnifiedMargin: false,
      enableUnifiedAccount: true,
      recvWindow: 10_000,
    },
    toMarket: (symbol) => `${symbol.replace(/USDT$/, "")}/USDT:USDT`,
    clientIdParam: "orderLinkId",
    async readPermissions(ex) {
      const res = (await (
        ex as unknown as { privateGetV5UserQueryApi(p: object): Promise<BybitQueryApi> }
      ).privateGetV5UserQueryApi({})) as BybitQueryApi;
      const perms = res.result?.permissions ?? {};
      const wallet = perms.Wallet ?? [];
      const contract = [...(perms.ContractTrade ?? []), ...(perms.Derivatives ?? [])];
      return {
        canTrade: res.result?.readOnly !== 1 && contract.length > 0,
        canWithdraw: wallet.includes("Withdraw"),
        raw: { readOnly: res.result?.readOnly ?? null, permissions: perms },
      };
    },
    apiUrl: () => env.BYBIT_API_URL,
    privateWsUrl: () => env.BYBIT_PRIVATE_WS_URL,
    fetchFills: bybitFills,
    // 600 REST requests per IP per 5 s; order creation 10 per second per account (linear).
    rateLimits: { ipRequests: 600, ipWindowMs: 5_000, accountOrdersPerSecond: 10 },
    tradeOnlyHint:
      'On Bybit, open API Management, create a new system-generated key with "Read-Write", tick only Contract → Orders and Positions, and leave Assets → Withdrawal unticked.',
  },
  binanceusdm: BINANCE_USDM,
  okx: OKX_SWAP,
};

/** The exchanges a user can connect (for the form's select). */
export const LIVE_EXCHANGE_IDS = Object.keys(LIVE_EXCHANGES) as [string, ...string[]];

/** Config for one live exchange, or undefined. */
export function liveExchange(id: string): LiveExchangeConfig | undefined {
  return Object.hasOwn(LIVE_EXCHANGES, id) ? LIVE_EXCHANGES[id] : undefined;
}
