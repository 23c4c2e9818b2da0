import "server-only";
// OKX USDT swaps through ccxt's `okx`: the key's permissions from the account configuration, `clOrdId` in OKX's
// alphanumeric format, and fills labelled with the exits OKX made (liquidation and ADL by the fill's subType; a stop
// loss or take profit by the attached TP/SL algo order that created the closing order).
import * as ccxt from "ccxt";
import type { Exchange, Order } from "ccxt";
import { env } from "@/lib/env";
import { okxCanonicalClientId, okxClientId } from "./client-ids";
import type { ExchangeFill } from "./types";

type Raw = Record<string, string | undefined>;
type Reply = Promise<{ data?: Raw[] }>;
// The raw endpoints used here (ccxt generates one method per endpoint).
interface OkxApi {
  privateGetTradeOrder(p: object): Reply;
  privateGetTradeOrderAlgo(p: object): Reply;
  privateGetTradeFillsHistory(p: object): Reply;
  privateGetAccountConfig(p: object): Reply;
}
const api = (ex: Exchange) => ex as unknown as OkxApi;

// Bill subtypes a fill carries when OKX closed the position itself: partial and full liquidation (100–107) and
// auto-deleveraging (125–128).
const LIQUIDATION_SUBTYPES = new Set([
  "100",
  "101",
  "102",
  "103",
  "104",
  "105",
  "106",
  "107",
  "125",
  "126",
  "127",
  "128",
]);

// The closing order a TP/SL algo order placed carries its algoId (and source "7"); the algo order's actualSide says
// which of the two fired. A liquidation order says so in its category.
async function algoExit(ex: Exchange, instId: string, ordId: string): Promise<ExchangeFill["exit"]> {
  const [order] = (await api(ex).privateGetTradeOrder({ instId, ordId })).data ?? [];
  if (!order) return null;
  if (/liquidation|adl/.test(order.category ?? "")) return "liquidation";
  if (!order.algoId) return null;
  const [algo] = (await api(ex).privateGetTradeOrderAlgo({ algoId: order.algoId })).data ?? [];
  return algo?.actualSide === "sl" ? "stop_loss" : algo?.actualSide === "tp" ? "take_profit" : null;
}

// fills-history (3 months, newest first, 100 per page, `after` = an older billId); sizes are in contracts.
async function okxFills(
  ex: Exchange,
  market: string,
  instId: string,
  since: number,
): Promise<ExchangeFill[]> {
  const contractSize = Number(ex.market(market).contractSize ?? 1);
  const rows: Raw[] = [];
  let after: string | undefined;
  for (let page = 0; page < 50; page++) {
    const res = await api(ex).privateGetTradeFillsHistory({
      instType: "SWAP",
      instId,
      begin: String(since),
      limit: "100",
      ...(after ? { after } : {}),
    });
    const data = res.data ?? [];
    rows.push(...data);
    if (data.length < 100) break;
    after = data[data.length - 1]!.billId;
  }
  const exits = new Map<string, Promise<ExchangeFill["exit"]>>();
  const out: ExchangeFill[] = [];
  for (const f of rows) {
    const ours = Boolean(f.clOrdId && okxCanonicalClientId(f.clOrdId) !== f.clOrdId);
    let exit: ExchangeFill["exit"] = null;
    if (LIQUIDATION_SUBTYPES.has(f.subType ?? "")) exit = "liquidation";
    else if (!ours) {
      // Not ours and not a liquidation: the owner's own trade, or the closing order of a TP/SL that fired.
      const ordId = String(f.ordId);
      if (!exits.has(ordId)) exits.set(ordId, algoExit(ex, instId, ordId));
      exit = await exits.get(ordId)!;
    }
    out.push({
      tradeId: String(f.tradeId),
      orderId: String(f.ordId),
      clientOrderId: f.clOrdId || null,
      symbol: instId,
      side: f.side === "sell" ? "sell" : "buy",
      qty: Number(f.fillSz) * contractSize,
      price: Number(f.fillPx),
      // OKX reports a charged fee as a negative number (a rebate as positive).
      fee: -Number(f.fee ?? 0),
      feeCurrency: f.feeCcy || "USDT",
      liquidity: f.execType === "M" ? "maker" : f.execType === "T" ? "taker" : null,
      exit,
      time: Number(f.fillTime || f.ts),
    });
  }
  return out.sort((a, b) => a.time - b.time || a.tradeId.localeCompare(b.tradeId));
}

// One order by clOrdId, pending or done (GET /api/v5/trade/order); OKX answers 51603 when there is none.
async function okxFindOrder(ex: Exchange, market: string, clientId: string): Promise<Order | null> {
  try {
    return await ex.fetchOrder("", market, { clOrdId: clientId });
  } catch (err) {
    if (err instanceof ccxt.OrderNotFound) return null;
    throw err;
  }
}

// ccxt's fetchPosition throws when OKX lists no position (the flat case): read the list instead.
async function okxPosition(ex: Exchange, market: string) {
  const all = await ex.fetchPositions([market]);
  return all.find((p) => p.symbol === market && Number(p.contracts ?? 0) > 0);
}

/** OKX USDT-margined perpetual swaps, net position mode, isolated margin. */
// Typed where it is listed (LIVE_EXCHANGES in registry.ts): importing the interface here would be an import cycle.
export const OKX_SWAP = {
  ccxtId: "okx",
  name: "OKX",
  needsPassphrase: true,
  options: {
    defaultType: "swap",
    fetchMarkets: { types: ["swap"] },
    defaultMarginMode: "isolated",
  },
  toMarket: (symbol: string) => `${symbol.replace(/USDT$/, "")}/USDT:USDT`,
  clientIdParam: "clOrdId",
  clientIdFor: okxClientId,
  canonicalClientId: okxCanonicalClientId,
  // OKX refuses a clOrdId in use by a pending order (51016); look up first so a filled one is not placed again.
  lookUpBeforePlacing: true,
  findOrder: okxFindOrder,
  fetchPosition: okxPosition,
  async readPermissions(ex: Exchange) {
    const [conf] = (await api(ex).privateGetAccountConfig({})).data ?? [];
    const perm = (conf?.perm ?? "").split(",").map((p) => p.trim());
    return {
      canTrade: perm.includes("trade"),
      canWithdraw: perm.includes("withdraw"),
      raw: { perm: conf?.perm ?? null, acctLv: conf?.acctLv ?? null, posMode: conf?.posMode ?? null },
    };
  },
  apiUrl: () => env.OKX_API_URL,
  fetchFills: okxFills,
  // OKX limits private REST per user ID and endpoint (placing orders: 60 per 2 s per instrument) and publishes no
  // IP-wide limit for them: the IP bucket is a cap of our own; orders per account from the 60 per 2 s.
  rateLimits: { ipRequests: 500, ipWindowMs: 2_000, accountOrdersPerSecond: 30 },
  tradeOnlyHint:
    'On OKX, open API management, create a V5 API key with the permissions "Read" and "Trade" only (leave "Withdraw" unticked), note its passphrase, and bind it to trusted IPs.',
};
