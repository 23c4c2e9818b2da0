// The real ccxt `okx` client through CcxtAdapter against the local fake OKX v5 API: passphrase and signatures,
// clOrdId in OKX's alphanumeric format mapped back to our id, one order per client id, attached TP/SL, sizes in
// contracts converted to base asset, lookups that never adopt another order, fills labelled with OKX's exits,
// partial fills, cancel, and the rate-limit answer (50011).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.EXCHANGE_TIMEOUT_MS = "2000";
});

import * as ccxt from "ccxt";
import { CcxtAdapter, createCcxtClient } from "@/lib/exchange/ccxt-adapter";
import { mapCcxtError } from "@/lib/exchange/map-error";
import { LIVE_EXCHANGES } from "@/lib/exchange/registry";
import type { ExchangeError } from "@/lib/exchange/types";
import { closeRedis } from "@/lib/redis";
import { startFakeOkx, type FakeOkx } from "../fakes/okx";

const okx = LIVE_EXCHANGES.okx!;
const KEY = { apiKey: "okx-trade-key-0001", apiSecret: "OKXTRADESECRET0001", passphrase: "Pass-phrase-1" };
let fake: FakeOkx;

function adapter(over: Partial<typeof KEY> = {}) {
  const creds = { ...KEY, ...over, testnet: false };
  return new CcxtAdapter(okx, createCcxtClient(okx, creds, fake.url), 2);
}

beforeAll(async () => {
  fake = await startFakeOkx({
    keys: {
      [KEY.apiKey]: { secret: KEY.apiSecret, passphrase: KEY.passphrase, balance: 10_000 },
      "okx-withdraw-key": { secret: "OKXWSECRET", passphrase: "Pass-phrase-2", withdraw: true },
    },
    price: 60_000,
  });
});
afterAll(async () => {
  await fake.close();
  await closeRedis();
});

describe("ccxt adapter (OKX swaps) against the fake v5 API", () => {
  it("signs with the passphrase; reads balance and perm; a wrong passphrase or secret is an auth error", async () => {
    const a = adapter();
    expect(await a.getBalance()).toEqual({ equity: 10_000, available: 10_000, currency: "USDT" });
    expect(await a.getPermissions()).toMatchObject({
      canTrade: true,
      canWithdraw: false,
      raw: { perm: "read_only,trade" },
    });
    expect(
      await adapter({
        apiKey: "okx-withdraw-key",
        apiSecret: "OKXWSECRET",
        passphrase: "Pass-phrase-2",
      }).getPermissions(),
    ).toMatchObject({ canWithdraw: true });
    for (const bad of [{ passphrase: "not-the-phrase" }, { apiSecret: "WRONGSECRET" }]) {
      const e = await adapter(bad)
        .getBalance()
        .catch((x: unknown) => x);
      expect((e as ExchangeError).kind).toBe("auth");
    }
  });

  it("reports limits in base asset (0.01 BTC contracts) with the instrument's leverage and tick", async () => {
    expect(await adapter().getMarketLimits("BTCUSDT")).toEqual({
      minQty: 0.0001,
      qtyStep: 0.0001,
      minNotional: 0,
      maxLeverage: 100,
      priceTick: 0.1,
    });
  });

  it("sends our id as an alphanumeric clOrdId ≤ 32, in contracts, with TP/SL attached; places once; maps back", async () => {
    const a = adapter();
    await a.setLeverage("BTCUSDT", 5);
    const input = {
      symbol: "BTCUSDT",
      side: "buy" as const,
      qty: 0.05,
      clientOrderId: "tp-2x9k-7f-o",
      stopLoss: 58_000,
      takeProfit: 63_000,
    };
    const first = await a.placeMarketOrder(input);
    const second = await a.placeMarketOrder(input);
    expect(fake.state.ordersPlaced).toBe(1);
    expect(second.id).toBe(first.id);
    expect(first).toMatchObject({
      clientOrderId: "tp-2x9k-7f-o",
      qty: 0.05,
      filledQty: 0.05,
      price: 60_000,
      status: "filled",
    });
    const [body] = fake.state.received;
    expect(body!.clOrdId).toMatch(/^[A-Za-z0-9]{1,32}$/);
    expect(body!.clOrdId).toBe("TP0000000002x9k000000000007fo");
    expect(body).toMatchObject({ sz: "5", side: "buy", ordType: "market", tdMode: "isolated" });
    expect(body!.attachAlgoOrds).toEqual([
      expect.objectContaining({ slTriggerPx: "58000", tpTriggerPx: "63000" }),
    ]);
    expect(await a.getPosition("BTCUSDT")).toMatchObject({
      side: "long",
      qty: 0.05,
      entryPrice: 60_000,
      leverage: 5,
    });
  });

  it("never adopts another open order; lists it under its own id and cancels it", async () => {
    const a = adapter();
    const foreign = fake.restingOrder(KEY.apiKey, {
      instId: "BTC-USDT-SWAP",
      side: "sell",
      sz: 2,
      px: 70_000,
    });
    expect(await a.findOrderByClientId("BTCUSDT", "tp-zzz-7f-o")).toBeNull();
    expect(await a.fetchOpenOrders("BTCUSDT")).toEqual([
      expect.objectContaining({
        id: foreign.ordId,
        clientOrderId: foreign.clOrdId,
        qty: 0.02,
        status: "open",
      }),
    ]);
    await a.cancelOrder("BTCUSDT", foreign.ordId);
    expect(foreign.state).toBe("canceled");
  });

  it("fills carry fees in base asset and our canonical id; a stop loss and a liquidation OKX made are labelled", async () => {
    const a = adapter();
    const since = Date.now() - 60_000;
    fake.setPrice(57_900);
    expect(await a.getPosition("BTCUSDT")).toBeNull();
    await a.placeMarketOrder({ symbol: "BTCUSDT", side: "sell", qty: 0.05, clientOrderId: "tp-2x9l-7f-o" });
    fake.setPrice(69_600);
    const fills = await a.fetchFills("BTCUSDT", since);
    expect(fills.map((f) => [f.clientOrderId, f.side, f.qty, f.price, f.exit])).toEqual([
      ["tp-2x9k-7f-o", "buy", 0.05, 60_000, null],
      [null, "sell", 0.05, 58_000, "stop_loss"],
      ["tp-2x9l-7f-o", "sell", 0.05, 57_900, null],
      [null, "buy", 0.05, 69_480, "liquidation"],
    ]);
    expect(fills[0]!.fee).toBeCloseTo(0.05 * 60_000 * 0.00055, 8);
    expect(fills[0]!.liquidity).toBe("taker");
  });

  it("labels a take profit, and reports a partial fill until the rest fills", async () => {
    const a = adapter();
    const since = Date.now() - 1;
    fake.setPrice(60_000);
    fake.state.partialNext = 0.4;
    const part = await a.placeMarketOrder({
      symbol: "BTCUSDT",
      side: "buy",
      qty: 0.05,
      clientOrderId: "tp-2x9m-7f-o",
      takeProfit: 61_000,
    });
    expect(part).toMatchObject({ status: "partially_filled", filledQty: 0.02, qty: 0.05 });
    fake.fillRemaining("TP0000000002x9m000000000007fo");
    expect(await a.findOrderByClientId("BTCUSDT", "tp-2x9m-7f-o")).toMatchObject({
      status: "filled",
      filledQty: 0.05,
    });
    fake.setPrice(61_500);
    const exits = (await a.fetchFills("BTCUSDT", since)).filter((f) => f.exit);
    expect(exits.map((f) => [f.exit, f.price, f.qty])).toEqual([["take_profit", 61_000, 0.05]]);
  });

  it("a rate-limit answer (HTTP 429, 50011) is `rate_limited`; the adapter backs off and the call succeeds once", async () => {
    const raw = createCcxtClient(okx, { ...KEY, testnet: false }, fake.url);
    fake.controls.rateLimitNext = 1;
    const refused = await raw.fetchTime().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ccxt.RateLimitExceeded);
    expect(mapCcxtError(refused, okx.name).kind).toBe("rate_limited");
    const limited = fake.controls.rateLimited;
    fake.controls.rateLimitNext = 1;
    expect((await adapter().getBalance()).currency).toBe("USDT");
    expect(fake.controls.rateLimited).toBe(limited + 1);
  });
});
