// A local fake of Bybit's public v5 market API (REST + WebSocket) that the real ccxt client talks to:
// instruments-info (linear BTCUSDT), kline (newest-first within [start, end], like Bybit), and the public
// linear stream (kline.1.<symbol> subscriptions). Tests drive it: set history, push live updates, drop
// connections and refuse new ones to simulate an outage.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";
import type { Candle } from "@/lib/market/types";

const INSTRUMENT = {
  symbol: "BTCUSDT",
  contractType: "LinearPerpetual",
  status: "Trading",
  baseCoin: "BTC",
  quoteCoin: "USDT",
  settleCoin: "USDT",
  launchTime: "1585526400000",
  deliveryTime: "0",
  priceScale: "2",
  leverageFilter: { minLeverage: "1", maxLeverage: "100.00", leverageStep: "0.01" },
  priceFilter: { minPrice: "0.10", maxPrice: "1999999.80", tickSize: "0.10" },
  lotSizeFilter: { maxOrderQty: "1190.000", minOrderQty: "0.001", qtyStep: "0.001", minNotionalValue: "5" },
  unifiedMarginTrade: true,
  fundingInterval: 480,
};

export interface FakeBybit {
  url: string;
  wsUrl: string;
  /** 1m candles served by REST, by open time. */
  candles: Map<number, Candle>;
  /** Every REST path+query received, and the wall-clock ms of every WebSocket connection attempt. */
  requests: string[];
  wsAttempts: number[];
  /** Send a kline update to subscribed clients (and store it for REST). */
  push(c: Candle, confirm?: boolean): void;
  /** Close every open stream; while `refuse` is true, new stream connections are rejected. */
  dropClients(): void;
  refuse: boolean;
  subscribed(): number;
  close(): Promise<void>;
}

const ok = (result: unknown) =>
  JSON.stringify({ retCode: 0, retMsg: "OK", result, retExtInfo: {}, time: Date.now() });

/** Start the fake on an ephemeral port. */
export async function startFakeBybit(): Promise<FakeBybit> {
  const candles = new Map<number, Candle>();
  const requests: string[] = [];
  const wsAttempts: number[] = [];
  const subs = new Set<WebSocket>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://fake");
    requests.push(url.pathname + url.search);
    res.setHeader("Content-Type", "application/json");
    if (url.pathname === "/v5/market/time") {
      const now = Date.now();
      return res.end(ok({ timeSecond: String(Math.floor(now / 1000)), timeNano: `${now}000000` }));
    }
    if (url.pathname === "/v5/market/instruments-info") {
      const pre = url.searchParams.get("status") === "PreLaunch" || url.searchParams.has("cursor");
      return res.end(ok({ category: "linear", list: pre ? [] : [INSTRUMENT] }));
    }
    if (url.pathname === "/v5/market/kline") {
      const start = Number(url.searchParams.get("start") ?? 0);
      const end = Number(url.searchParams.get("end") ?? Date.now());
      const limit = Math.min(1000, Number(url.searchParams.get("limit") ?? 200));
      const list = [...candles.values()]
        .filter((c) => c.t >= start && c.t <= end)
        .sort((a, b) => b.t - a.t)
        .slice(0, limit)
        .map((c) => [c.t, c.o, c.h, c.l, c.c, c.v, c.v * c.c].map(String));
      return res.end(ok({ symbol: url.searchParams.get("symbol"), category: "linear", list }));
    }
    res.statusCode = 404;
    res.end(JSON.stringify({ retCode: 10001, retMsg: "unknown path" }));
  });
  const wss = new WebSocketServer({ noServer: true });
  const fake: FakeBybit = {
    url: "",
    wsUrl: "",
    candles,
    requests,
    wsAttempts,
    refuse: false,
    push(c, confirm = false) {
      candles.set(c.t, c);
      const msg = JSON.stringify({
        topic: "kline.1.BTCUSDT",
        type: "snapshot",
        ts: Date.now(),
        data: [
          {
            start: c.t,
            end: c.t + 59_999,
            interval: "1",
            open: String(c.o),
            close: String(c.c),
            high: String(c.h),
            low: String(c.l),
            volume: String(c.v),
            turnover: String(c.v * c.c),
            confirm,
            timestamp: Date.now(),
          },
        ],
      });
      for (const ws of subs) ws.send(msg);
    },
    dropClients() {
      for (const ws of wss.clients) ws.terminate();
      subs.clear();
    },
    subscribed: () => subs.size,
    close: () =>
      new Promise((resolve) => {
        fake.dropClients();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  server.on("upgrade", (req, socket, head) => {
    wsAttempts.push(Date.now());
    if (fake.refuse || !req.url?.startsWith("/v5/public/linear")) {
      socket.end("HTTP/1.1 503 Service Unavailable\r\n\r\n");
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on("message", (raw) => {
        const msg = JSON.parse(String(raw)) as { op?: string; req_id?: string; args?: string[] };
        if (msg.op === "ping") {
          ws.send(
            JSON.stringify({
              success: true,
              ret_msg: "pong",
              conn_id: "fake",
              req_id: msg.req_id,
              op: "ping",
            }),
          );
        } else if (msg.op === "subscribe") {
          subs.add(ws);
          ws.send(
            JSON.stringify({
              success: true,
              ret_msg: "",
              conn_id: "fake",
              req_id: msg.req_id,
              op: "subscribe",
            }),
          );
        }
      });
      ws.on("close", () => subs.delete(ws));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  fake.url = `http://127.0.0.1:${port}`;
  fake.wsUrl = `ws://127.0.0.1:${port}`;
  return fake;
}
