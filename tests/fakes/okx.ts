// A local fake of OKX's v5 REST API for USDT swaps, enough for the real ccxt `okx` client. Signed requests are
// checked as OKX does: OK-ACCESS-KEY names the key, OK-ACCESS-PASSPHRASE must be its passphrase,
// OK-ACCESS-SIGN is base64 HMAC-SHA256 of timestamp + method + request path (with query) + body, and
// OK-ACCESS-TIMESTAMP must be within 30 s. Rate-limited requests get HTTP 429 with code 50011.
import { createHmac } from "node:crypto";
import { startFakeServer, type FakeControls, type FakeReply, type FakeRequest } from "./fake-server";
import { okxFillRemaining, okxPrivate, okxReply, okxRestingOrder } from "./okx-routes";
import { okxMovePrice, newOkxState, type OkxKey, type OkxOrder, type OkxState } from "./okx-trading";

export type { OkxKey, OkxState } from "./okx-trading";
export { okxBook } from "./okx-trading";

/** A running fake OKX. */
export interface FakeOkx {
  url: string;
  state: OkxState;
  controls: FakeControls;
  /** Move the price; attached TP/SL and liquidations it crosses fire. */
  setPrice(price: number): void;
  /** The owner rests a limit order by hand (an open order Tickpilot did not place); size in contracts. */
  restingOrder(apiKey: string, o: { instId: string; side: "buy" | "sell"; sz: number; px: number }): OkxOrder;
  fillRemaining(clOrdId: string): void;
  close(): Promise<void>;
}

/** BTC-USDT-SWAP and ETH-USDT-SWAP as /api/v5/public/instruments lists them. */
function instrument(base: string) {
  return {
    instType: "SWAP",
    instId: `${base}-USDT-SWAP`,
    instFamily: `${base}-USDT`,
    uly: `${base}-USDT`,
    category: "1",
    baseCcy: "",
    quoteCcy: "",
    settleCcy: "USDT",
    ctVal: "0.01",
    ctMult: "1",
    ctValCcy: base,
    ctType: "linear",
    optType: "",
    stk: "",
    listTime: "1611916828000",
    expTime: "",
    lever: "100",
    tickSz: "0.1",
    lotSz: "0.01",
    minSz: "0.01",
    maxMktSz: "10000",
    maxLmtSz: "100000000",
    state: "live",
    alias: "",
    ruleType: "normal",
  };
}

function authenticate(s: OkxState, r: FakeRequest): { apiKey: string } | FakeReply {
  const apiKey = String(r.headers["ok-access-key"] ?? "");
  const key = s.keys.get(apiKey);
  if (!key) return okxReply([], "50111", "Invalid OK-ACCESS-KEY", 401);
  if (r.headers["ok-access-passphrase"] !== key.passphrase)
    return okxReply([], "50105", "Invalid OK-ACCESS-PASSPHRASE", 401);
  const ts = String(r.headers["ok-access-timestamp"] ?? "");
  if (!ts || Math.abs(Date.now() - Date.parse(ts)) > 30_000)
    return okxReply([], "50102", "Timestamp request expired", 401);
  const requestPath = r.query ? `${r.path}?${r.query}` : r.path;
  const expected = createHmac("sha256", key.secret)
    .update(ts + r.method + requestPath + r.body)
    .digest("base64");
  if (r.headers["ok-access-sign"] !== expected) return okxReply([], "50113", "Invalid Sign", 401);
  return { apiKey };
}

/** Start the fake on a random local port. */
export async function startFakeOkx(
  opts: { keys?: Record<string, OkxKey>; price?: number } = {},
): Promise<FakeOkx> {
  const state = newOkxState(opts.keys ?? {}, opts.price ?? 60_000);
  const server = await startFakeServer(
    (r) => {
      if (r.path === "/api/v5/public/instruments")
        return okxReply(r.params.get("instType") === "SWAP" ? [instrument("BTC"), instrument("ETH")] : []);
      if (r.path === "/api/v5/public/time") return okxReply([{ ts: String(Date.now()) }]);
      const auth = authenticate(state, r);
      if ("status" in auth) return auth;
      const params: Record<string, unknown> =
        r.method === "GET"
          ? Object.fromEntries(r.params)
          : (JSON.parse(r.body || "{}") as Record<string, unknown>);
      return okxPrivate(state, `${r.method} ${r.path}`, params, auth.apiKey);
    },
    okxReply([], "50011", "Too Many Requests", 429),
  );
  return {
    url: server.url,
    state,
    controls: server.controls,
    setPrice: (price) => okxMovePrice(state, price),
    restingOrder: (apiKey, o) => okxRestingOrder(state, apiKey, o),
    fillRemaining: (clOrdId) => okxFillRemaining(state, clOrdId),
    close: server.close,
  };
}

/** Fixed keys the browser tests type into the form (the e2e global setup starts the fake with them). */
export const E2E_OKX_KEYS = {
  trade: {
    apiKey: "e2e-okx-trade-key-0001",
    apiSecret: "E2EOKXTRADESECRET0001",
    apiPassphrase: "E2e-Okx-Phrase-1",
  },
};

/** Start the fake with the e2e keys. */
export function startE2eFakeOkx(): Promise<FakeOkx> {
  const k = E2E_OKX_KEYS.trade;
  return startFakeOkx({
    keys: { [k.apiKey]: { secret: k.apiSecret, passphrase: k.apiPassphrase, balance: 3000 } },
  });
}
