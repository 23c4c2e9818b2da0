// A local fake of Bybit's v5 HTTP API, enough for the real ccxt client: it checks HMAC signatures against its
// known keys, keeps orders idempotent per orderLinkId (retCode 110072 on a duplicate, like Bybit), and keeps
// real books per key (bybit-book.ts): executions, net positions at an average entry, SL/TP and liquidation on
// price moves, a wallet. Tests drive it: fail or hang the next calls, lose a response, fill the next order in
// part, reject it, trade by hand as the account's owner, enforce Bybit's rate limits. Tests read `state`.
import { createHmac, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { execute, newBook, triggered, unrealised, type FakeBook } from "./bybit-book";
import { attachPrivateStream, type PrivateStream } from "./bybit-private-ws";
import { executionView, INSTRUMENT, orderView, positionView, type FakeOrder } from "./bybit-views";

export type { FakeOrder } from "./bybit-views";

export interface FakeKey {
  secret: string;
  /** Bybit reports `Wallet: ["AccountTransfer","SubMemberTransfer","Withdraw"]` for such keys. */
  withdraw?: boolean;
  /** USDT wallet balance. */
  balance?: number;
}

export interface FakeBybitState {
  keys: Map<string, FakeKey>;
  /** Orders by orderLinkId (orders placed by hand or by a trigger: by `manual-<orderId>`). */
  orders: Map<string, FakeOrder>;
  /** Orders actually placed through the API (duplicates refused are not counted). */
  ordersPlaced: number;
  leverage: Map<string, number>;
  /** Every request path seen, e.g. `GET /v5/account/wallet-balance`. */
  requests: string[];
  failures: { mode: "500" | "hang"; remaining: number } | null;
  /**
   * Process the next requests to `path` but never tell the caller: `500` answers HTTP 500, `hang` never answers
   * (the order exists on the exchange either way).
   */
  lostResponses: { path: string; remaining: number; mode?: "500" | "hang" } | null;
  price: number;
  /** Books per API key (created with the key's balance on first use). */
  books: Map<string, FakeBook>;
  /** The next order fills only this share of its quantity; the rest stays open until `fillRemaining`. */
  partialNext: number | null;
  /** The next order is refused with this Bybit error. */
  rejectNext: { retCode: number; retMsg: string } | null;
  /** Bybit's limits when set: requests per IP per window (HTTP 403 past it) and orders per key per second. */
  rateLimit: { perIp: number; windowMs: number; ordersPerSecondPerKey: number } | null;
  /** Requests refused by the rate limits. */
  rateLimited: number;
}

export interface FakeBybit {
  url: string;
  /** Base URL of the private WebSocket stream (…/v5/private). */
  wsUrl: string;
  state: FakeBybitState;
  /** Make the next `count` requests fail with HTTP 500 or never answer. */
  fail(mode: "500" | "hang", count: number): void;
  /** Move the price; stops, targets and liquidations it crosses fire on every book. */
  setPrice(price: number): void;
  /** The account's owner trades by hand (an order Tickpilot did not place). */
  manualOrder(apiKey: string, o: { symbol: string; side: "Buy" | "Sell"; qty: number }): FakeOrder;
  /** Fill what is left of a partially filled order. */
  fillRemaining(orderLinkId: string): void;
  /** The book of a key (created on first use). */
  book(apiKey: string): FakeBook;
  /** Authenticated private-stream connections right now. */
  streamConnections(): number;
  /** Topics a key's private streams subscribed to. */
  streamTopics(apiKey: string): string[];
  /** The owner changes the leverage on the exchange (published on the position topic). */
  ownerSetsLeverage(apiKey: string, symbol: string, leverage: number): void;
  close(): Promise<void>;
}

function send(res: ServerResponse, body: unknown, status = 200): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

function ok(res: ServerResponse, result: unknown): void {
  send(res, { retCode: 0, retMsg: "OK", result, retExtInfo: {}, time: Date.now() });
}

function retError(res: ServerResponse, retCode: number, retMsg: string): void {
  send(res, { retCode, retMsg, result: {}, retExtInfo: {}, time: Date.now() });
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
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
    books: new Map(),
    partialNext: null,
    rejectNext: null,
    rateLimit: null,
    rateLimited: 0,
  };
  const hanging = new Set<ServerResponse>();
  const ipWindows = new Map<string, { start: number; count: number }>();
  const keyOrders = new Map<string, number[]>();
  let stream: PrivateStream | null = null;

  const book = (apiKey: string) => {
    let b = state.books.get(apiKey);
    if (!b) state.books.set(apiKey, (b = newBook(state.keys.get(apiKey)?.balance ?? 1000)));
    return b;
  };
  const leverageOf = (apiKey: string, symbol: string) => state.leverage.get(`${apiKey}:${symbol}`) ?? 1;

  // Execute part of an order on its key's book and tell the private stream.
  function fill(
    order: FakeOrder,
    qty: number,
    price: number,
    extra: Partial<Parameters<typeof execute>[1]> = {},
  ) {
    const exec = execute(book(order.apiKey), {
      symbol: order.symbol,
      side: order.side,
      qty,
      price,
      orderId: order.orderId,
      orderLinkId: order.orderLinkId,
      leverage: leverageOf(order.apiKey, order.symbol),
      stopLoss: Number(order.stopLoss) || undefined,
      takeProfit: Number(order.takeProfit) || undefined,
      ...extra,
    });
    const done = Number(order.cumExecQty) + qty;
    order.avgPrice = String((Number(order.avgPrice || 0) * Number(order.cumExecQty) + price * qty) / done);
    order.cumExecQty = String(Number(done.toFixed(8)));
    order.leavesQty = String(Number((Number(order.qty) - done).toFixed(8)));
    order.cumExecFee = String(Number(order.cumExecFee) + exec.execFee);
    order.orderStatus = Number(order.leavesQty) > 0 ? "PartiallyFilled" : "Filled";
    order.updatedTime = String(Date.now());
    stream?.publish(order.apiKey, "execution", [executionView(exec)]);
    stream?.publish(order.apiKey, "order", [orderView(order)]);
    const pos = book(order.apiKey).positions.get(order.symbol);
    stream?.publish(order.apiKey, "position", [
      positionView(order.symbol, pos, state.price, leverageOf(order.apiKey, order.symbol)),
    ]);
    return exec;
  }

  function newOrder(apiKey: string, p: Record<string, unknown>, link: string): FakeOrder {
    return {
      orderId: randomUUID(),
      orderLinkId: link,
      apiKey,
      symbol: String(p.symbol),
      side: p.side === "Sell" ? "Sell" : "Buy",
      qty: String(p.qty),
      avgPrice: "",
      cumExecQty: "0",
      cumExecFee: "0",
      leavesQty: String(p.qty),
      orderStatus: "New",
      reduceOnly: p.reduceOnly === true,
      stopLoss: String(p.stopLoss ?? ""),
      takeProfit: String(p.takeProfit ?? ""),
      stopOrderType: "",
      createdTime: String(Date.now()),
      updatedTime: String(Date.now()),
    };
  }

  // Bybit's limits: per IP per window (HTTP 403 "access too frequent"), order creation per key per second.
  function rateLimited(req: IncomingMessage, res: ServerResponse, path: string, apiKey: string): boolean {
    const rl = state.rateLimit;
    if (!rl) return false;
    const ip = req.socket.remoteAddress ?? "?";
    const now = Date.now();
    const w = ipWindows.get(ip);
    if (!w || now - w.start >= rl.windowMs) ipWindows.set(ip, { start: now, count: 1 });
    else if (++w.count > rl.perIp) {
      state.rateLimited += 1;
      send(res, { retCode: 10006, retMsg: "access too frequent" }, 403);
      return true;
    }
    if (path === "/v5/order/create" && apiKey) {
      const recent = (keyOrders.get(apiKey) ?? []).filter((t) => now - t < 1000);
      if (recent.length >= rl.ordersPerSecondPerKey) {
        state.rateLimited += 1;
        retError(res, 10006, "Too many visits!");
        return true;
      }
      keyOrders.set(apiKey, [...recent, now]);
    }
    return false;
  }

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
    const apiKey = String(req.headers["x-bapi-api-key"] ?? "");
    if (rateLimited(req, res, path, apiKey)) return;
    if (state.lostResponses?.path === path && state.lostResponses.remaining > 0) {
      state.lostResponses.remaining -= 1;
      if (state.lostResponses.mode === "hang") {
        hanging.add(res);
        res.writeHead = (() => res) as unknown as ServerResponse["writeHead"];
        res.end = (() => res) as unknown as ServerResponse["end"];
      } else loseResponse(res);
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
        const b = book(apiKey);
        let margin = 0;
        for (const pos of b.positions.values())
          margin += (pos.size * pos.avgPrice) / leverageOf(apiKey, pos.symbol);
        const equity = b.wallet + unrealised(b, state.price);
        const free = String(Math.max(0, equity - margin));
        return ok(res, {
          list: [
            {
              accountType: "UNIFIED",
              totalEquity: String(equity),
              totalAvailableBalance: free,
              coin: [
                {
                  coin: "USDT",
                  equity: String(equity),
                  walletBalance: String(b.wallet),
                  availableToWithdraw: free,
                  locked: "0",
                },
              ],
            },
          ],
        });
      }
      case "/v5/position/list": {
        const symbol = String(p.symbol ?? "BTCUSDT");
        const pos = book(apiKey).positions.get(symbol);
        return ok(res, {
          category: "linear",
          list: [positionView(symbol, pos, state.price, leverageOf(apiKey, symbol))],
        });
      }
      case "/v5/position/set-leverage": {
        const k = `${apiKey}:${String(p.symbol)}`;
        if (state.leverage.get(k) === Number(p.buyLeverage))
          return retError(res, 110043, "leverage not modified");
        state.leverage.set(k, Number(p.buyLeverage));
        return ok(res, {});
      }
      case "/v5/order/create": {
        const link = String(p.orderLinkId ?? randomUUID());
        if (state.orders.has(link)) return retError(res, 110072, "OrderLinkedID is duplicate");
        if (state.rejectNext) {
          const r = state.rejectNext;
          state.rejectNext = null;
          return retError(res, r.retCode, r.retMsg);
        }
        const order = newOrder(apiKey, p, link);
        const b = book(apiKey);
        const pos = b.positions.get(order.symbol);
        const reducing = pos !== undefined && pos.side !== order.side;
        if (order.reduceOnly && !reducing)
          return retError(res, 110017, "current position is zero, cannot fix reduce-only order qty");
        const equity = b.wallet + unrealised(b, state.price);
        if (!reducing && (Number(order.qty) * state.price) / leverageOf(apiKey, order.symbol) > equity)
          return retError(res, 110007, "ab not enough for new order");
        state.orders.set(link, order);
        state.ordersPlaced += 1;
        const share = state.partialNext;
        state.partialNext = null;
        const qty = share ? Number((Number(order.qty) * share).toFixed(3)) : Number(order.qty);
        fill(order, qty, state.price);
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
            (p.symbol === undefined || o.symbol === p.symbol) &&
            open === (o.orderStatus === "New" || o.orderStatus === "PartiallyFilled"),
        );
        return ok(res, { category: "linear", list: list.map(orderView), nextPageCursor: "" });
      }
      case "/v5/execution/list": {
        const from = Number(p.startTime ?? 0);
        const to = Number(p.endTime ?? Number.MAX_SAFE_INTEGER);
        const limit = Math.min(100, Number(p.limit ?? 50));
        const offset = Number(p.cursor ?? 0);
        const list = book(apiKey)
          .executions.filter(
            (e) =>
              (p.symbol === undefined || e.symbol === p.symbol) &&
              (p.execType === undefined || e.execType === p.execType) &&
              e.execTime >= from &&
              e.execTime <= to,
          )
          .sort((a, b) => b.execTime - a.execTime);
        const page = list.slice(offset, offset + limit);
        const next = offset + limit < list.length ? String(offset + limit) : "";
        return ok(res, { category: "linear", list: page.map(executionView), nextPageCursor: next });
      }
      case "/v5/order/cancel": {
        const order = [...state.orders.values()].find(
          (o) =>
            o.apiKey === apiKey &&
            (o.orderId === p.orderId || (p.orderLinkId && o.orderLinkId === p.orderLinkId)),
        );
        if (!order || (order.orderStatus !== "New" && order.orderStatus !== "PartiallyFilled"))
          return retError(res, 110001, "order not exists or too late to cancel");
        order.orderStatus = Number(order.cumExecQty) > 0 ? "PartiallyFilledCanceled" : "Cancelled";
        order.updatedTime = String(Date.now());
        stream?.publish(apiKey, "order", [orderView(order)]);
        return ok(res, { orderId: order.orderId, orderLinkId: order.orderLinkId });
      }
      default:
        return retError(res, 10001, `fake bybit: unsupported endpoint ${path}`);
    }
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  stream = attachPrivateStream(server, (apiKey) => state.keys.get(apiKey)?.secret ?? null);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    state,
    fail(mode, count) {
      state.failures = { mode, remaining: count };
    },
    setPrice(price) {
      state.price = price;
      for (const [apiKey, b] of state.books) {
        for (const pos of [...b.positions.values()]) {
          const t = triggered(pos, price);
          if (!t) continue;
          const order = newOrder(
            apiKey,
            {
              symbol: pos.symbol,
              side: pos.side === "Buy" ? "Sell" : "Buy",
              qty: pos.size,
              reduceOnly: true,
            },
            "",
          );
          order.stopOrderType = t.kind === "Liquidation" ? "" : t.kind;
          state.orders.set(`manual-${order.orderId}`, order);
          fill(order, pos.size, t.at, {
            execType: t.kind === "Liquidation" ? "BustTrade" : "Trade",
            stopOrderType: t.kind === "Liquidation" ? "" : t.kind,
            createType:
              t.kind === "Liquidation"
                ? "CreateByLiq"
                : t.kind === "StopLoss"
                  ? "CreateByStopLoss"
                  : "CreateByTakeProfit",
          });
        }
      }
    },
    manualOrder(apiKey, o) {
      const order = newOrder(apiKey, o, "");
      state.orders.set(`manual-${order.orderId}`, order);
      fill(order, o.qty, state.price);
      return order;
    },
    fillRemaining(orderLinkId) {
      const order = state.orders.get(orderLinkId);
      if (!order || Number(order.leavesQty) <= 0) throw new Error(`nothing left to fill on ${orderLinkId}`);
      fill(order, Number(order.leavesQty), state.price);
    },
    book,
    streamConnections: () => stream?.connections() ?? 0,
    streamTopics: (apiKey) => stream?.topics(apiKey) ?? [],
    ownerSetsLeverage(apiKey, symbol, leverage) {
      state.leverage.set(`${apiKey}:${symbol}`, leverage);
      const pos = book(apiKey).positions.get(symbol);
      if (pos) pos.leverage = leverage;
      stream?.publish(apiKey, "position", [positionView(symbol, pos, state.price, leverage)]);
    },
    close: async () => {
      for (const res of hanging) res.destroy();
      await stream?.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
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
