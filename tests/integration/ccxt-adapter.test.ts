// The real ccxt Bybit client against the local fake Bybit v5 server: signatures, balance, permissions,
// idempotent orders by orderLinkId, lookups, leverage, and error mapping (bad key, 500, hang).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.EXCHANGE_TIMEOUT_MS = "1500";
});

import { CcxtAdapter, createCcxtClient } from "@/lib/exchange/ccxt-adapter";
import { LIVE_EXCHANGES } from "@/lib/exchange/registry";
import { ExchangeError } from "@/lib/exchange/types";
import { startFakeBybit, type FakeBybit } from "../fakes/bybit";

const bybit = LIVE_EXCHANGES.bybit!;
let fake: FakeBybit;

function adapter(apiKey = "TRADEKEY0001", apiSecret = "trade-secret-0001") {
  return new CcxtAdapter(bybit, createCcxtClient(bybit, { apiKey, apiSecret, testnet: false }, fake.url));
}

beforeAll(async () => {
  fake = await startFakeBybit({
    keys: {
      TRADEKEY0001: { secret: "trade-secret-0001", balance: 1234.5 },
      WITHDRAWKEY1: { secret: "withdraw-secret-1", withdraw: true },
    },
    price: 60_000,
  });
});
afterAll(() => fake.close());

describe("ccxt adapter (Bybit) against the fake v5 API", () => {
  it("reads the balance and the key's permissions through signed requests", async () => {
    const a = adapter();
    expect(await a.getBalance()).toEqual({ equity: 1234.5, available: 1234.5, currency: "USDT" });
    const perms = await a.getPermissions();
    expect(perms.canTrade).toBe(true);
    expect(perms.canWithdraw).toBe(false);
    expect(await adapter("WITHDRAWKEY1", "withdraw-secret-1").getPermissions()).toMatchObject({
      canWithdraw: true,
    });
  });

  it("shares the market list across clients instead of reloading it per adapter", async () => {
    await adapter().getBalance();
    const loads = () => fake.state.requests.filter((r) => r.endsWith("/v5/market/instruments-info")).length;
    const before = loads();
    await adapter().getBalance();
    await adapter().getMarketLimits("BTCUSDT");
    expect(loads()).toBe(before);
  });

  it("a wrong secret fails the signature check → auth error", async () => {
    const err = await adapter("TRADEKEY0001", "wrong-secret-xx")
      .getBalance()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExchangeError);
    expect((err as ExchangeError).kind).toBe("auth");
    expect((err as ExchangeError).transient).toBe(false);
  });

  it("places one order for one client order id, even when asked twice", async () => {
    const a = adapter();
    const before = fake.state.ordersPlaced;
    const input = {
      symbol: "BTCUSDT",
      side: "buy" as const,
      qty: 0.01,
      clientOrderId: "dec1-user1",
      stopLoss: 58_000,
      takeProfit: 63_000,
    };
    const first = await a.placeMarketOrder(input);
    const second = await a.placeMarketOrder(input);
    expect(fake.state.ordersPlaced - before).toBe(1);
    expect(second.id).toBe(first.id);
    expect(first).toMatchObject({
      clientOrderId: "dec1-user1",
      side: "buy",
      qty: 0.01,
      price: 60_000,
      status: "filled",
    });
    const stored = fake.state.orders.get("dec1-user1")!;
    expect(stored.stopLoss).toBe("58000");
    expect(stored.takeProfit).toBe("63000");
    expect(await a.findOrderByClientId("BTCUSDT", "dec1-user1")).toMatchObject({ id: first.id });
    expect(await a.findOrderByClientId("BTCUSDT", "missing-id")).toBeNull();
    const pos = await a.getPosition("BTCUSDT");
    expect(pos).toMatchObject({ side: "long", qty: 0.01 });
  });

  it("sets leverage and reports Bybit's market limits", async () => {
    const a = adapter();
    await a.setLeverage("BTCUSDT", 5);
    expect(fake.state.leverage.get("TRADEKEY0001:BTCUSDT")).toBe(5);
    expect(await a.getMarketLimits("BTCUSDT")).toEqual({
      minQty: 0.001,
      qtyStep: 0.001,
      minNotional: 5,
      maxLeverage: 100,
      priceTick: 0.1,
    });
  });

  it("an exchange answering 500 or not at all is a transient 'unavailable' error", async () => {
    fake.fail("500", 5);
    const err = await adapter()
      .getBalance()
      .catch((e: unknown) => e);
    expect((err as ExchangeError).kind).toBe("unavailable");
    expect((err as ExchangeError).transient).toBe(true);
    fake.fail("hang", 5);
    const started = Date.now();
    const hung = await adapter()
      .getPermissions()
      .catch((e: unknown) => e);
    expect((hung as ExchangeError).kind).toBe("unavailable");
    expect(Date.now() - started).toBeLessThan(10_000);
    fake.state.failures = null;
  });
});
