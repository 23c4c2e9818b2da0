import "server-only";
// Binance USDⓈ-M futures through ccxt's `binanceusdm`: what ccxt's generic calls do not cover for us — the key's
// restrictions, the position and leverage bracket, stop loss / take profit as separate algo orders (Binance has no
// attached SL/TP on futures orders), and executions labelled with the exits Binance made.
import * as ccxt from "ccxt";
import type { Exchange, Order, Position } from "ccxt";
import { env } from "@/lib/env";
import { binanceClientId, binanceProtectionId, binanceProtectionKind } from "./client-ids";
import type { ExchangeFill } from "./types";

type Raw = Record<string, string | number | boolean | undefined>;
// The raw endpoints used here (ccxt generates one method per endpoint).
interface BinanceApi {
  fapiPrivateGetUserTrades(p: object): Promise<Raw[]>;
  fapiPrivateGetAllOrders(p: object): Promise<Raw[]>;
  fapiPrivateGetOrder(p: object): Promise<Raw>;
  fapiPrivateGetOpenAlgoOrders(p: object): Promise<Raw[] | { orders?: Raw[] }>;
  fapiPrivatePostAlgoOrder(p: object): Promise<Raw>;
  fapiPrivateGetSymbolConfig(p: object): Promise<Raw[]>;
  fapiPrivateGetLeverageBracket(p: object): Promise<unknown>;
  sapiGetAccountApiRestrictions(p: object): Promise<ApiRestrictions>;
}
const api = (ex: Exchange) => ex as unknown as BinanceApi;

const DAY = 86_400_000;

// An exit Binance made itself: liquidation (client id `autoclose-…`, ADL `adl_autoclose…`), or one of the
// conditional orders protecting the position (STOP_MARKET / TAKE_PROFIT_MARKET, ours named `ts-…` / `tt-…`).
function exitOf(order: Raw | undefined): ExchangeFill["exit"] {
  if (!order) return null;
  const cid = String(order.clientOrderId ?? "");
  if (/^autoclose-|^adl_autoclose/.test(cid)) return "liquidation";
  const type = `${String(order.origType ?? "")} ${String(order.type ?? "")}`;
  if (/STOP/.test(type)) return "stop_loss";
  if (/TAKE_PROFIT/.test(type)) return "take_profit";
  return binanceProtectionKind(cid);
}

// userTrades (no client id on a trade) joined with the orders they belong to. Binance keeps userTrades 7 days back
// per query window; older `since` values are clamped to that.
async function binanceFills(
  ex: Exchange,
  _market: string,
  symbol: string,
  since: number,
): Promise<ExchangeFill[]> {
  const startTime = Math.max(since, Date.now() - 7 * DAY + 60_000);
  const trades: Raw[] = [];
  let page = await api(ex).fapiPrivateGetUserTrades({ symbol, startTime, limit: 1000 });
  for (let i = 0; i < 20 && page.length > 0; i++) {
    trades.push(...page);
    if (page.length < 1000) break;
    const fromId = Math.max(...page.map((t) => Number(t.id))) + 1;
    page = await api(ex).fapiPrivateGetUserTrades({ symbol, fromId, limit: 1000 });
  }
  if (trades.length === 0) return [];
  const firstTrade = Math.min(...trades.map((t) => Number(t.time)));
  const orders = new Map<string, Raw>();
  const listed = await api(ex).fapiPrivateGetAllOrders({
    symbol,
    startTime: Math.max(firstTrade - DAY, Date.now() - 7 * DAY + 60_000),
    limit: 1000,
  });
  for (const o of listed) orders.set(String(o.orderId), o);
  for (const id of new Set(trades.map((t) => String(t.orderId)))) {
    if (orders.has(id)) continue;
    const o = await api(ex)
      .fapiPrivateGetOrder({ symbol, orderId: id })
      .catch(() => undefined);
    if (o) orders.set(id, o);
  }
  return trades
    .map((t): ExchangeFill => {
      const order = orders.get(String(t.orderId));
      return {
        tradeId: String(t.id),
        orderId: String(t.orderId),
        clientOrderId: order?.clientOrderId ? String(order.clientOrderId) : null,
        symbol,
        side: t.side === "SELL" ? "sell" : "buy",
        qty: Number(t.qty),
        price: Number(t.price),
        fee: Number(t.commission),
        feeCurrency: String(t.commissionAsset ?? "USDT"),
        liquidity: t.maker === true ? "maker" : "taker",
        exit: exitOf(order),
        time: Number(t.time),
      };
    })
    .sort((a, b) => a.time - b.time || a.tradeId.localeCompare(b.tradeId));
}

// The stop loss and take profit of a new position: conditional algo orders that close the whole position
// (`closePosition`), named after the entry so a retry finds them instead of placing them twice.
async function binanceProtection(
  ex: Exchange,
  market: string,
  input: { side: "buy" | "sell"; stopLoss?: number; takeProfit?: number },
  entryId: string,
): Promise<void> {
  const symbol = String(ex.market(market).id);
  const res = await api(ex).fapiPrivateGetOpenAlgoOrders({ symbol });
  const open = Array.isArray(res) ? res : (res.orders ?? []);
  const have = new Set(open.map((o) => String(o.clientAlgoId)));
  const legs = [
    ["stop_loss", "STOP_MARKET", input.stopLoss],
    ["take_profit", "TAKE_PROFIT_MARKET", input.takeProfit],
  ] as const;
  for (const [kind, type, price] of legs) {
    const clientAlgoId = binanceProtectionId(entryId, kind);
    if (!price || have.has(clientAlgoId)) continue;
    await api(ex).fapiPrivatePostAlgoOrder({
      algoType: "CONDITIONAL",
      symbol,
      side: input.side === "buy" ? "SELL" : "BUY",
      type,
      triggerPrice: ex.priceToPrecision(market, price),
      closePosition: "true",
      workingType: "CONTRACT_PRICE",
      clientAlgoId,
    });
  }
}

// positionRisk v3 (one-way mode) carries no leverage: read it from the symbol's configuration when a position is open.
async function binancePosition(ex: Exchange, market: string): Promise<Position | undefined> {
  const [p] = (await ex.fetchPositions([market])).filter((x) => Number(x.contracts ?? 0) > 0);
  if (!p) return undefined;
  if (!p.leverage) {
    const [conf] = await api(ex).fapiPrivateGetSymbolConfig({ symbol: ex.market(market).id });
    p.leverage = Number(conf?.leverage ?? 1);
    p.marginMode = conf?.marginType === "ISOLATED" ? "isolated" : p.marginMode;
  }
  return p;
}

// The highest initial leverage of the market's first bracket (exchangeInfo has no leverage bounds).
async function binanceMaxLeverage(ex: Exchange, market: string): Promise<number> {
  const res = (await api(ex).fapiPrivateGetLeverageBracket({ symbol: ex.market(market).id })) as
    | Array<{ brackets?: Array<{ initialLeverage?: number }> }>
    | { brackets?: Array<{ initialLeverage?: number }> };
  const entry = Array.isArray(res) ? res[0] : res;
  return Math.max(1, ...(entry?.brackets ?? []).map((b) => Number(b.initialLeverage ?? 1)));
}

// One order by its client id, open or done (GET /fapi/v1/order?origClientOrderId); Binance answers -2013 when none.
async function binanceFindOrder(ex: Exchange, market: string, clientId: string): Promise<Order | null> {
  try {
    return await ex.fetchOrder("", market, { origClientOrderId: clientId });
  } catch (err) {
    if (err instanceof ccxt.OrderNotFound) return null;
    throw err;
  }
}

interface ApiRestrictions {
  enableReading?: boolean;
  enableFutures?: boolean;
  enableWithdrawals?: boolean;
  enableInternalTransfer?: boolean;
  permitsUniversalTransfer?: boolean;
  ipRestrict?: boolean;
}

/** Binance USDⓈ-M perpetuals (USDT-margined), one-way position mode. */
// Typed where it is listed (LIVE_EXCHANGES in registry.ts): importing the interface here would be an import cycle.
export const BINANCE_USDM = {
  ccxtId: "binanceusdm",
  name: "Binance USDⓈ-M",
  options: {
    defaultType: "swap",
    fetchMarkets: { types: ["linear"] },
    // The currency list is a private spot (sapi) call ccxt would make on every market load; markets are enough.
    fetchCurrencies: false,
    recvWindow: 10_000,
  },
  toMarket: (symbol: string) => `${symbol.replace(/USDT$/, "")}/USDT:USDT`,
  clientIdParam: "newClientOrderId",
  clientIdFor: binanceClientId,
  // A used newClientOrderId is refused only while that order is open: a filled market order's id is accepted again.
  lookUpBeforePlacing: true,
  findOrder: binanceFindOrder,
  placeProtection: binanceProtection,
  fetchPosition: binancePosition,
  maxLeverage: binanceMaxLeverage,
  async readPermissions(ex: Exchange) {
    const r = await api(ex).sapiGetAccountApiRestrictions({});
    return {
      canTrade: r.enableFutures === true,
      canWithdraw: r.enableWithdrawals === true,
      raw: {
        enableReading: r.enableReading ?? null,
        enableFutures: r.enableFutures ?? null,
        enableWithdrawals: r.enableWithdrawals ?? null,
        enableInternalTransfer: r.enableInternalTransfer ?? null,
        ipRestrict: r.ipRestrict ?? null,
      },
    };
  },
  apiUrl: () => env.BINANCE_API_URL,
  fetchFills: binanceFills,
  // REQUEST_WEIGHT 2,400 per minute per IP, our heaviest calls weigh 5 → 480 calls; ORDERS 1,200 per minute per
  // account (and 300 per 10 s) → 20 per second.
  rateLimits: { ipRequests: 480, ipWindowMs: 60_000, accountOrdersPerSecond: 20 },
  tradeOnlyHint:
    'On Binance, open API Management, edit the key, tick "Enable Reading" and "Enable Futures" only, leave "Enable Withdrawals" unticked, and restrict it to trusted IPs (Binance requires that for futures trading keys).',
};
