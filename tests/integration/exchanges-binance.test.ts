// The real ccxt `binanceusdm` client through CcxtAdapter against the local fake Binance USDⓈ-M API: signatures,
// newClientOrderId, one order per client id (Binance accepts a filled order's id again, so the adapter looks it up
// first), stop loss / take profit as conditional algo orders, lookups that never adopt another order, fills labelled
// with the exits Binance made, partial fills, cancel, and the rate-limit answer.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.EXCHANGE_TIMEOUT_MS = "2000";
});

import * as ccxt from "ccxt";
import { CcxtAdapter, createCcxtClient } from "@/lib/exchange/ccxt-adapter";
import { mapCcxtError } from "@/lib/exchange/map-error";
import { LIVE_EXCHANGES } from "@/lib/exchange/registry";
import { ExchangeError } from "@/lib/exchange/types";
import { closeRedis } from "@/lib/redis";
import { startFakeBinance, type FakeBinance } from "../fakes/binance-usdm";

const binance = LIVE_EXCHANGES.binanceusdm!;
const KEY = { apiKey: "BNTRADEKEY0001", apiSecret: "bn-trade-secret-0001" };
let fake: FakeBinance;

function adapter(apiKey = KEY.apiKey, apiSecret = KEY.apiSecret) {
  return new CcxtAdapter(
    binance,
    createCcxtClient(binance, { apiKey, apiSecret, testnet: false }, fake.url),
    1,
  );
}

beforeAll(async () => {
  fake = await startFakeBinance({
    keys: {
      [KEY.apiKey]: { secret: KEY.apiSecret, balance: 10_000 },
      BNWITHDRAWKEY1: { secret: "bn-withdraw-secret", withdraw: true },
      BNREADONLYKEY1: { secret: "bn-readonly-secret", futures: false },
    },
    price: 60_000,
  });
});
afterAll(async () => {
  await fake.close();
  await closeRedis();
});

describe("ccxt adapter (Binance USDⓈ-M) against the fake fapi", () => {
  it("reads balance and the key's restrictions through signed requests; a wrong secret is an auth error", async () => {
    const a = adapter();
    expect(await a.getBalance()).toEqual({ equity: 10_000, available: 10_000, currency: "USDT" });
    expect(await a.getPermissions()).toMatchObject({ canTrade: true, canWithdraw: false });
    expect(await adapter("BNWITHDRAWKEY1", "bn-withdraw-secret").getPermissions()).toMatchObject({
      canWithdraw: true,
    });
    expect(await adapter("BNREADONLYKEY1", "bn-readonly-secret").getPermissions()).toMatchObject({
      canTrade: false,
    });
    const bad = await adapter(KEY.apiKey, "wrong-secret-000")
      .getBalance()
      .catch((e: unknown) => e);
    expect((bad as ExchangeError).kind).toBe("auth");
    // The market list and the key restrictions came from their own APIs, each under its path.
    expect(fake.controls.requests).toContain("GET /fapi/v1/exchangeInfo");
    expect(fake.controls.requests).toContain("GET /sapi/v1/account/apiRestrictions");
    expect(fake.controls.requests).toContain("GET /fapi/v3/account");
  });

  it("reports the market's limits with the leverage bracket's maximum", async () => {
    expect(await adapter().getMarketLimits("BTCUSDT")).toEqual({
      minQty: 0.001,
      qtyStep: 0.001,
      minNotional: 100,
      maxLeverage: 125,
      priceTick: 0.1,
    });
  });

  it("places one order per client id, sends it as newClientOrderId, and protects it with two algo orders", async () => {
    const a = adapter();
    await a.setLeverage("BTCUSDT", 5);
    const before = fake.state.ordersPlaced;
    const input = {
      symbol: "BTCUSDT",
      side: "buy" as const,
      qty: 0.01,
      clientOrderId: "tp-1a-2b-o",
      stopLoss: 58_000,
      takeProfit: 63_000,
    };
    const first = await a.placeMarketOrder(input);
    // Filled at once: Binance would accept the same newClientOrderId again, so the second call must find the first.
    const second = await a.placeMarketOrder(input);
    expect(fake.state.ordersPlaced - before).toBe(1);
    expect(second.id).toBe(first.id);
    expect(first).toMatchObject({ clientOrderId: "tp-1a-2b-o", side: "buy", qty: 0.01, price: 60_000 });
    expect(first.status).toBe("filled");
    const sent = fake.state.received.filter((r) => r.path === "/fapi/v1/order");
    expect(sent.at(-1)!.params).toMatchObject({
      newClientOrderId: "tp-1a-2b-o",
      type: "MARKET",
      side: "BUY",
    });
    const algos = fake.state.received.filter((r) => r.path === "/fapi/v1/algoOrder").map((r) => r.params);
    expect(algos).toHaveLength(2);
    expect(algos).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: "STOP_MARKET",
          triggerPrice: "58000",
          closePosition: "true",
          clientAlgoId: "ts-1a-2b-o",
          side: "SELL",
        }),
        expect.objectContaining({
          type: "TAKE_PROFIT_MARKET",
          triggerPrice: "63000",
          clientAlgoId: "tt-1a-2b-o",
        }),
      ]),
    );
    expect(await a.getPosition("BTCUSDT")).toMatchObject({
      side: "long",
      qty: 0.01,
      entryPrice: 60_000,
      leverage: 5,
    });
  });

  it("never adopts another open order; lists and cancels it", async () => {
    const a = adapter();
    const foreign = fake.restingOrder(KEY.apiKey, {
      symbol: "BTCUSDT",
      side: "SELL",
      qty: 0.002,
      price: 70_000,
    });
    expect(await a.findOrderByClientId("BTCUSDT", "tp-zz-2b-o")).toBeNull();
    const open = await a.fetchOpenOrders("BTCUSDT");
    expect(open).toEqual([
      expect.objectContaining({
        id: String(foreign.orderId),
        clientOrderId: foreign.clientOrderId,
        status: "open",
      }),
    ]);
    await a.cancelOrder("BTCUSDT", String(foreign.orderId));
    expect(foreign.status).toBe("CANCELED");
    expect(await a.fetchOpenOrders("BTCUSDT")).toEqual([]);
  });

  it("fills carry fees and our client id; the stop loss Binance fired is labelled, and so is a liquidation", async () => {
    const a = adapter();
    const since = Date.now() - 60_000;
    fake.setPrice(57_900);
    expect(await a.getPosition("BTCUSDT")).toBeNull();
    await a.placeMarketOrder({ symbol: "BTCUSDT", side: "sell", qty: 0.01, clientOrderId: "tp-1b-2b-o" });
    fake.setPrice(69_600); // a 5× short is bankrupt at 57,900 × 1.2 = 69,480
    const fills = await a.fetchFills("BTCUSDT", since);
    expect(fills.map((f) => [f.clientOrderId, f.side, f.qty, f.price, f.exit])).toEqual([
      ["tp-1a-2b-o", "buy", 0.01, 60_000, null],
      ["ts-1a-2b-o", "sell", 0.01, 58_000, "stop_loss"],
      ["tp-1b-2b-o", "sell", 0.01, 57_900, null],
      [expect.stringMatching(/^autoclose-/), "buy", 0.01, 69_480, "liquidation"],
    ]);
    expect(fills[0]!.fee).toBeCloseTo(0.01 * 60_000 * 0.00055, 8);
    expect(fills[3]!.fee).toBe(0);
    // The target order of the closed position is gone with it.
    expect(fake.state.algoOrders.find((x) => x.clientAlgoId === "tt-1a-2b-o")!.algoStatus).toBe("EXPIRED");
  });

  it("labels a take profit, and reports a partial fill until the rest fills", async () => {
    const a = adapter();
    const since = Date.now() - 1;
    fake.setPrice(60_000);
    fake.state.partialNext = 0.4;
    const part = await a.placeMarketOrder({
      symbol: "BTCUSDT",
      side: "buy",
      qty: 0.01,
      clientOrderId: "tp-1c-2b-o",
      takeProfit: 61_000,
    });
    expect(part).toMatchObject({ status: "partially_filled", filledQty: 0.004, qty: 0.01 });
    fake.fillRemaining("tp-1c-2b-o");
    expect(await a.findOrderByClientId("BTCUSDT", "tp-1c-2b-o")).toMatchObject({
      status: "filled",
      filledQty: 0.01,
    });
    fake.setPrice(61_200);
    const exits = (await a.fetchFills("BTCUSDT", since)).filter((f) => f.exit);
    expect(exits.map((f) => [f.exit, f.price, f.qty])).toEqual([["take_profit", 61_000, 0.01]]);
  });

  it("a rate-limit answer (HTTP 429, -1003) is `rate_limited`; the adapter backs off and the call succeeds once", async () => {
    const raw = createCcxtClient(binance, { ...KEY, testnet: false }, fake.url);
    fake.controls.rateLimitNext = 1;
    const refused = await raw.fetchTime().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ccxt.DDoSProtection);
    expect(mapCcxtError(refused, binance.name).kind).toBe("rate_limited");
    const limited = fake.controls.rateLimited;
    fake.controls.rateLimitNext = 1;
    expect((await adapter().getBalance()).currency).toBe("USDT");
    expect(fake.controls.rateLimited).toBe(limited + 1);
  });
});
