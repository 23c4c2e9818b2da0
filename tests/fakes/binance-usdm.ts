// A local fake of Binance's USDⓈ-M futures API (fapi) and the key-restrictions endpoint (sapi), enough for the real
// ccxt `binanceusdm` client. Signed requests are checked as Binance does: X-MBX-APIKEY names the key, `signature`
// is the hex HMAC-SHA256 of the rest of the query string or form body, `timestamp` must be within `recvWindow`.
// A newClientOrderId is refused (-4116) only while an order with it is still open, like Binance. Tests drive it:
// move the price (conditional orders and liquidations fire), fill in part, rest a foreign order, rate-limit.
import { createHmac } from "node:crypto";
import { binanceSymbol, type BinanceOrder } from "./binance-usdm-views";
import { binanceError as err, binancePrivate } from "./binance-usdm-routes";
import {
  fillOrder,
  movePrice,
  newBinanceState,
  newOrder,
  type BinanceKey,
  type BinanceState,
} from "./binance-usdm-trading";
import { startFakeServer, type FakeControls, type FakeReply, type FakeRequest } from "./fake-server";

export type { BinanceKey, BinanceState } from "./binance-usdm-trading";
export { bookOf } from "./binance-usdm-trading";

/** A running fake Binance. */
export interface FakeBinance {
  url: string;
  state: BinanceState;
  controls: FakeControls;
  /** Move the price; stop-loss / take-profit algo orders and liquidations it crosses fire. */
  setPrice(price: number): void;
  /** The account's owner rests a limit order by hand (an open order Tickpilot did not place). */
  restingOrder(
    apiKey: string,
    o: { symbol: string; side: "BUY" | "SELL"; qty: number; price: number },
  ): BinanceOrder;
  /** Fill what is left of a partially filled order. */
  fillRemaining(clientOrderId: string): void;
  close(): Promise<void>;
}

// Binance signs the query string (GET, DELETE) or the form body (POST): everything before `&signature=`.
function checkSignature(s: BinanceState, r: FakeRequest): { apiKey: string } | FakeReply {
  const apiKey = String(r.headers["x-mbx-apikey"] ?? "");
  const key = s.keys.get(apiKey);
  if (!key) return err(401, -2015, "Invalid API-key, IP, or permissions for action.");
  const payload = r.method === "POST" ? r.body : r.query;
  const at = payload.lastIndexOf("&signature=");
  if (at < 0)
    return err(400, -1102, "Mandatory parameter 'signature' was not sent, was empty/null, or malformed.");
  const signed = payload.slice(0, at);
  const expected = createHmac("sha256", key.secret).update(signed).digest("hex");
  if (payload.slice(at + "&signature=".length) !== expected)
    return err(400, -1022, "Signature for this request is not valid.");
  const p = new URLSearchParams(signed);
  const ts = Number(p.get("timestamp"));
  const recv = Number(p.get("recvWindow") ?? 5000);
  if (!ts || Math.abs(Date.now() - ts) > recv)
    return err(400, -1021, "Timestamp for this request is outside of the recvWindow.");
  return { apiKey };
}

/** Start the fake on a random local port. */
export async function startFakeBinance(
  opts: { keys?: Record<string, BinanceKey>; price?: number } = {},
): Promise<FakeBinance> {
  const state = newBinanceState(opts.keys ?? {}, opts.price ?? 60_000);
  const server = await startFakeServer(
    (r) => {
      if (r.path === "/fapi/v1/exchangeInfo")
        return {
          status: 200,
          body: {
            timezone: "UTC",
            serverTime: Date.now(),
            rateLimits: [
              { rateLimitType: "REQUEST_WEIGHT", interval: "MINUTE", intervalNum: 1, limit: 2400 },
              { rateLimitType: "ORDERS", interval: "MINUTE", intervalNum: 1, limit: 1200 },
              { rateLimitType: "ORDERS", interval: "SECOND", intervalNum: 10, limit: 300 },
            ],
            assets: [{ asset: "USDT", marginAvailable: true }],
            symbols: [binanceSymbol("BTCUSDT"), binanceSymbol("ETHUSDT")],
          },
        };
      if (r.path === "/fapi/v1/time") return { status: 200, body: { serverTime: Date.now() } };
      const auth = checkSignature(state, r);
      if ("status" in auth) return auth;
      const { signature: _sig, ...params } = Object.fromEntries(
        new URLSearchParams(r.method === "POST" ? r.body : r.query),
      );
      return binancePrivate(state, `${r.method} ${r.path}`, params, auth.apiKey);
    },
    err(429, -1003, "Too many requests; current limit of IP(127.0.0.1) is 2400 requests per minute."),
  );
  return {
    url: server.url,
    state,
    controls: server.controls,
    setPrice: (price) => movePrice(state, price),
    restingOrder(apiKey, o) {
      return newOrder(state, apiKey, {
        symbol: o.symbol,
        side: o.side,
        origQty: o.qty,
        price: o.price,
        type: "LIMIT",
        origType: "LIMIT",
        clientOrderId: `web_${Math.random().toString(36).slice(2, 14)}`,
      });
    },
    fillRemaining(clientOrderId) {
      const o = state.orders.find(
        (x) => x.clientOrderId === clientOrderId && x.status === "PARTIALLY_FILLED",
      );
      if (!o) throw new Error(`nothing left to fill on ${clientOrderId}`);
      fillOrder(state, o, Number((o.origQty - o.executedQty).toFixed(8)), state.price);
    },
    close: server.close,
  };
}
