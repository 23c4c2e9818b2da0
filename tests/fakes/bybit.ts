// A local fake of Bybit's v5 HTTP API, enough for the real ccxt client: it checks HMAC signatures against
// its known keys, keeps orders idempotent per orderLinkId (retCode 110072 on a duplicate, like Bybit),
// and can be told to fail (HTTP 500 or hang) for the next N calls. Tests read `state`.
import { createHmac, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeKey {
  secret: string;
  /** Bybit reports `Wallet: ["AccountTransfer","SubMemberTransfer","Withdraw"]` for such keys. */
  withdraw?: boolean;
  /** USDT wallet balance. */
  balance?: number;
}

export interface FakeOrder {
  orderId: string;
  orderLinkId: string;
  apiKey: string;
  symbol: string;
  side: "Buy" | "Sell";
  qty: string;
  avgPrice: string;
  orderStatus: "Filled" | "New" | "Cancelled";
  reduceOnly: boolean;
  stopLoss: string;
  takeProfit: string;
  createdTime: string;
}

export interface FakeBybitState {
  keys: Map<string, FakeKey>;
  orders: Map<string, FakeOrder>;
  /** Orders actually placed (duplicates refused are not counted). */
  ordersPlaced: number;
  leverage: Map<string, number>;
  /** Every request path seen, e.g. `GET /v5/account/wallet-balance`. */
  requests: string[];
  failures: { mode: "500" | "hang"; remaining: number } | null;
  /** Process the next requests to `path` but answer HTTP 500 (the order exists, the caller never learns it). */
  lostResponses: { path: string; remaining: number } | null;
  price: number;
}

export interface FakeBybit {
  url: string;
  state: FakeBybitState;
  /** Make the next `count` requests fail with HTTP 500 or never answer. */
  fail(mode: "500" | "hang", count: number): void;
  close(): Promise<void>;
}

const INSTRUMENT = (symbol: string) => ({
  symbol,
  contractType: "LinearPerpetual",
  status: "Trading",
  baseCoin: symbol.replace(/USDT$/, ""),
  quoteCoin: "USDT",
  settleCoin: "USDT",
  launchTime: "1585526400000",
  priceScale: "2",
  leverageFilter: { minLeverage: "1", maxLeverage: "100.00", leverageStep: "0.01" },
  priceFilter: { minPrice: "0.10", maxPrice: "1999999.80", tickSize: "0.10" },
  lotSizeFilter: { maxOrderQty: "1190.000", minOrderQty: "0.001", qtyStep: "0.001", minNotionalValue: "5" },
});

function ok(res: ServerResponse, result: unknown): void {
  send(res, { retCode: 0, retMsg: "OK", result, retExtInfo: {}, time: Date.now() });
}

function send(res: ServerResponse, body: unknown, status = 200): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

function retError(res: ServerResponse, retCode: number, retMsg: string): void {
  send(res, { retCode, retMsg, result: {}, retExtInfo: {}, time: Date.now() });
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function orderView(o: FakeOrder) {
  return {
    ...o,
    orderType: "Market",
    price: "0",
    cumExecQty: o.orderStatus === "Filled" ? o.qty : "0",
    cumExecValue: String(Number(o.qty) * Number(o.avgPrice)),
    cumExecFee: String(Number(o.qty) * Number(o.avgPrice) * 0.00055),
    leavesQty: "0",
    timeInForce: "IOC",
    category: "linear",
    updatedTime: o.createdTime,
  };
}

// Let the handler do its work, then replace whatever it answers with an HTTP 500.
function loseResponse(res: ServerResponse): void {
  const writeHead = res.writeHead.bind(res);
  const end = res.end.bind(res);
  res.writeHead = (() => res) as unknown as ServerResponse["writeHead"];
  res.end = (() => {
    writeHead(500, { "content-type": "application/json" });
    end(JSON.stringify({ error: "internal" }));
    return res;
  }) as unknown as ServerResponse["end"];
}

/** Start the fake on a random local port. */
export async function startFakeBybit(
  opts: { keys?: Record<string, FakeKey>; price?: number } = {},
): Promise<FakeBybit> {
  const state: FakeBybitState = {
    keys: new Map(Object.entries(opts.keys ?? {})),
    orders: new Map(),
    ordersPlaced: 0,
    leverage: new Map(),
    requests: [],
    failures: null,
    lostResponses: null,
    price: opts.price ?? 50_000,
  };
  const hanging = new Set<ServerResponse>();

  const server = createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => send(res, { error: String(err) }, 500));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://fake");
    const body = await readBody(req);
    state.requests.push(`${req.method} ${url.pathname}`);
    if (state.failures && state.failures.remaining > 0) {
      state.failures.remaining -= 1;
      if (state.failures.mode === "hang") {
        hanging.add(res);
        return;
      }
      return send(res, { error: "internal" }, 500);
    }
    const path = url.pathname;
    if (state.lostResponses?.path === path && state.lostResponses.remaining > 0) {
      state.lostResponses.remaining -= 1;
      loseResponse(res);
    }
    if (path === "/v5/market/time") {
      const now = Date.now();
      return ok(res, { timeSecond: String(Math.floor(now / 1000)), timeNano: `${now}000000` });
    }
    if (path === "/v5/market/instruments-info") {
      if (url.searchParams.get("status") === "PreLaunch" || url.searchParams.get("category") !== "linear")
        return ok(res, { category: url.searchParams.get("category"), list: [] });
      return ok(res, { category: "linear", list: [INSTRUMENT("BTCUSDT"), INSTRUMENT("ETHUSDT")] });
    }
    // Private endpoints: verify the v5 HMAC signature.
    const apiKey = String(req.headers["x-bapi-api-key"] ?? "");
    const key = state.keys.get(apiKey);
    if (!key) return retError(res, 10003, "API key is invalid.");
    const ts = String(req.headers["x-bapi-timestamp"] ?? "");
    const recv = String(req.headers["x-bapi-recv-window"] ?? "");
    const payload = req.method === "GET" ? url.search.replace(/^\?/, "") : body;
    const expected = createHmac("sha256", key.secret)
      .update(ts + apiKey + recv + payload)
      .digest("hex");
    if (expected !== req.headers["x-bapi-sign"])
      return retError(res, 10004, "Error sign, please check your signature generation algorithm.");
    const params: Record<string, unknown> =
      req.method === "GET" ? Object.fromEntries(url.searchParams) : JSON.parse(body || "{}");
    return privateRoute(path, params, apiKey, key, res);
  }

  function privateRoute(
    path: string,
    p: Record<string, unknown>,
    apiKey: string,
    key: FakeKey,
    res: ServerResponse,
  ): void {
    switch (path) {
      case "/v5/user/query-api":
        return ok(res, {
          id: "1",
          note: "fake",
          apiKey,
          readOnly: 0,
          secret: "",
          permissions: {
            ContractTrade: ["Order", "Position"],
            Spot: [],
            Wallet: key.withdraw ? ["AccountTransfer", "SubMemberTransfer", "Withdraw"] : ["AccountTransfer"],
            Options: [],
            Derivatives: [],
          },
          ips: ["*"],
          unified: 0,
          uta: 1,
        });
      case "/v5/account/info":
        return ok(res, { unifiedMarginStatus: 6, marginMode: "ISOLATED_MARGIN" });
      case "/v5/asset/coin/query-info":
        return ok(res, { rows: [] });
      case "/v5/account/wallet-balance": {
        const bal = String(key.balance ?? 1000);
        return ok(res, {
          list: [
            {
              accountType: "UNIFIED",
              totalEquity: bal,
              totalAvailableBalance: bal,
              coin: [
                { coin: "USDT", equity: bal, walletBalance: bal, availableToWithdraw: bal, locked: "0" },
              ],
            },
          ],
        });
      }
      case "/v5/position/list": {
        const symbol = String(p.symbol ?? "BTCUSDT");
        let net = 0;
        for (const o of state.orders.values())
          if (o.apiKey === apiKey && o.symbol === symbol && o.orderStatus === "Filled")
            net += (o.side === "Buy" ? 1 : -1) * Number(o.qty);
        const lev = String(state.leverage.get(`${apiKey}:${symbol}`) ?? 1);
        return ok(res, {
          category: "linear",
          list: [
            {
              symbol,
              positionIdx: 0,
              side: net === 0 ? "" : net > 0 ? "Buy" : "Sell",
              size: String(Math.abs(Number(net.toFixed(3)))),
              avgPrice: net === 0 ? "0" : String(state.price),
              markPrice: String(state.price),
              leverage: lev,
              unrealisedPnl: "0",
              liqPrice: "",
              stopLoss: "",
              takeProfit: "",
              tradeMode: 1,
              positionValue: String(Math.abs(net) * state.price),
              createdTime: String(Date.now()),
              updatedTime: String(Date.now()),
            },
          ],
        });
      }
      case "/v5/position/set-leverage":
        state.leverage.set(`${apiKey}:${String(p.symbol)}`, Number(p.buyLeverage));
        return ok(res, {});
      case "/v5/order/create": {
        const link = String(p.orderLinkId ?? randomUUID());
        if (state.orders.has(link)) return retError(res, 110072, "OrderLinkedID is duplicate");
        const order: FakeOrder = {
          orderId: randomUUID(),
          orderLinkId: link,
          apiKey,
          symbol: String(p.symbol),
          side: p.side === "Sell" ? "Sell" : "Buy",
          qty: String(p.qty),
          avgPrice: String(state.price),
          orderStatus: "Filled",
          reduceOnly: p.reduceOnly === true,
          stopLoss: String(p.stopLoss ?? ""),
          takeProfit: String(p.takeProfit ?? ""),
          createdTime: String(Date.now()),
        };
        state.orders.set(link, order);
        state.ordersPlaced += 1;
        return ok(res, { orderId: order.orderId, orderLinkId: link });
      }
      case "/v5/order/realtime":
      case "/v5/order/history": {
        const open = path.endsWith("realtime");
        const list = [...state.orders.values()].filter(
          (o) =>
            o.apiKey === apiKey &&
            (p.orderLinkId === undefined || o.orderLinkId === p.orderLinkId) &&
            (p.orderId === undefined || o.orderId === p.orderId) &&
            (open ? o.orderStatus === "New" : o.orderStatus !== "New"),
        );
        return ok(res, { category: "linear", list: list.map(orderView), nextPageCursor: "" });
      }
      case "/v5/order/cancel": {
        const order = [...state.orders.values()].find((o) => o.orderId === p.orderId && o.apiKey === apiKey);
        if (!order || order.orderStatus !== "New")
          return retError(res, 110001, "order not exists or too late to cancel");
        order.orderStatus = "Cancelled";
        return ok(res, { orderId: order.orderId, orderLinkId: order.orderLinkId });
      }
      default:
        return retError(res, 10001, `fake bybit: unsupported endpoint ${path}`);
    }
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    state,
    fail(mode, count) {
      state.failures = { mode, remaining: count };
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Fixed keys the browser tests type into the form (the e2e global setup starts the fake with them). */
export const E2E_BYBIT_KEYS = {
  trade: { apiKey: "E2Etradekey0000ABCD", apiSecret: "e2e-trade-secret-9f8e7d6c5b4a" },
  withdraw: { apiKey: "E2Ewithdrawkey00WXYZ", apiSecret: "e2e-withdraw-secret-1a2b3c4d" },
};

/** Start the fake with the e2e keys. */
export function startE2eFakeBybit(): Promise<FakeBybit> {
  return startFakeBybit({
    keys: {
      [E2E_BYBIT_KEYS.trade.apiKey]: { secret: E2E_BYBIT_KEYS.trade.apiSecret, balance: 5000 },
      [E2E_BYBIT_KEYS.withdraw.apiKey]: { secret: E2E_BYBIT_KEYS.withdraw.apiSecret, withdraw: true },
    },
  });
}
