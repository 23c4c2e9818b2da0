// The paper exchange against the real MariaDB and Redis, checked against hand-computed numbers.
// Defaults: slippage 2 bps, taker fee 0.055 %, maintenance margin 0.5 %, 10,000 USDT.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { and, count, eq, sum } from "drizzle-orm";
import { closeDb, db } from "@/db";
import { exchangeAccounts, orders, paperLedger, paperOrders, positions } from "@/db/schema";
import { getAdapter } from "@/lib/exchange/get-adapter";
import { applyCandleToPaperPositions } from "@/lib/exchange/paper/apply-candle";
import { resetPaperAccount } from "@/lib/exchange/paper/reset";
import { ExchangeError } from "@/lib/exchange/types";
import { closeRedis } from "@/lib/redis";
import { clearCandles, makeUser, writeCandle } from "../helpers/accounts";

afterAll(async () => {
  await closeDb();
  await closeRedis();
});

// A symbol no other test file trades: applyCandleToPaperPositions sees every open position of the symbol in the
// shared test database, so execute and crash-safety positions in BTCUSDT would be counted here.
const SYMBOL = "XRPUSDT";

beforeEach(() => clearCandles(SYMBOL));
const past = () => Date.now() - 120_000;
const future = () => Date.now() + 60_000;

async function balanceOf(accountId: number): Promise<number> {
  const [a] = await db.select().from(exchangeAccounts).where(eq(exchangeAccounts.id, accountId));
  return a!.paperBalance!;
}

async function ledgerSum(accountId: number): Promise<number> {
  const [r] = await db
    .select({ s: sum(paperLedger.amount) })
    .from(paperLedger)
    .where(eq(paperLedger.exchangeAccountId, accountId));
  return Number(r!.s);
}

async function positionRows(accountId: number) {
  return db.select().from(positions).where(eq(positions.exchangeAccountId, accountId)).orderBy(positions.id);
}

describe("paper exchange", () => {
  it("opens with fee and isolated margin, is idempotent by client order id, and takes profit at the target", async () => {
    const user = await makeUser("paper-tp");
    const ex = await getAdapter(user.paperAccountId, user.id);
    expect(await ex.getBalance()).toEqual({ equity: 10_000, available: 10_000, currency: "USDT" });
    await writeCandle(SYMBOL, { t: past(), c: 50_000 });
    await ex.setLeverage(SYMBOL, 10);
    const input = {
      symbol: SYMBOL,
      side: "buy" as const,
      qty: 0.1,
      clientOrderId: "tp-1",
      stopLoss: 49_000,
      takeProfit: 52_000,
    };
    const order = await ex.placeMarketOrder(input);
    // fill 50,000 × 1.0002 = 50,010; fee 0.1 × 50,010 × 0.00055 = 2.75055; margin 5,001 / 10 = 500.1
    expect(order).toMatchObject({ status: "filled", price: 50_010, fee: 2.75055, qty: 0.1, side: "buy" });
    expect(await balanceOf(user.paperAccountId)).toBeCloseTo(9_997.24945, 8);
    const again = await ex.placeMarketOrder(input);
    expect(again.id).toBe(order.id);
    const [n] = await db
      .select({ n: count() })
      .from(paperOrders)
      .where(eq(paperOrders.exchangeAccountId, user.paperAccountId));
    expect(n!.n).toBe(1);
    expect(await balanceOf(user.paperAccountId)).toBeCloseTo(9_997.24945, 8);
    const pos = await ex.getPosition(SYMBOL);
    // liquidation 50,010 × (1 − 1/10 + 0.005) = 45,259.05
    expect(pos).toMatchObject({
      side: "long",
      qty: 0.1,
      entryPrice: 50_010,
      leverage: 10,
      liquidationPrice: 45_259.05,
    });
    expect(pos!.unrealizedPnl).toBeCloseTo(-1, 8); // marked at 50,000
    expect((await ex.getBalance()).available).toBeCloseTo(9_997.24945 - 500.1, 6);

    // A candle that began before the position opened counts only its close: no trigger from its old high.
    expect(
      await applyCandleToPaperPositions(SYMBOL, {
        t: past(),
        o: 50_000,
        h: 53_000,
        l: 50_000,
        c: 50_100,
        v: 1,
      }),
    ).toBe(0);
    const tp = await writeCandle(SYMBOL, { t: future(), o: 50_100, h: 52_100, l: 50_050, c: 51_900 });
    expect(await applyCandleToPaperPositions(SYMBOL, tp)).toBe(1);
    expect(await applyCandleToPaperPositions(SYMBOL, tp)).toBe(0);
    // pnl 0.1 × (52,000 − 50,010) = 199; fee 0.1 × 52,000 × 0.00055 = 2.86
    expect(await balanceOf(user.paperAccountId)).toBeCloseTo(10_193.38945, 8);
    const [closed] = await positionRows(user.paperAccountId);
    expect(closed).toMatchObject({
      status: "closed",
      openKey: null,
      closeReason: "take_profit",
      closePrice: 52_000,
      realizedPnl: 199,
    });
    expect(closed!.fees).toBeCloseTo(5.61055, 8);
    const [logged] = await db.select().from(orders).where(eq(orders.userId, user.id));
    expect(logged).toMatchObject({
      kind: "take_profit",
      status: "filled",
      side: "sell",
      realizedPnl: 199,
      price: 52_000,
    });
    expect(await ledgerSum(user.paperAccountId)).toBeCloseTo(10_193.38945, 8);
  });

  it("a short's stop loss fills at the trigger price", async () => {
    const user = await makeUser("paper-sl");
    const ex = await getAdapter(user.paperAccountId, user.id);
    await writeCandle(SYMBOL, { t: past(), c: 52_000 });
    await ex.setLeverage(SYMBOL, 5);
    const o = await ex.placeMarketOrder({
      symbol: SYMBOL,
      side: "sell",
      qty: 0.05,
      clientOrderId: "sl-1",
      stopLoss: 53_000,
    });
    // fill 52,000 × 0.9998 = 51,989.6; fee 0.05 × 51,989.6 × 0.00055 = 1.429714
    expect(o.price).toBeCloseTo(51_989.6, 8);
    expect(await balanceOf(user.paperAccountId)).toBeCloseTo(9_998.570286, 8);
    const c = await writeCandle(SYMBOL, { t: future(), o: 52_100, h: 53_500, l: 52_000, c: 53_200 });
    expect(await applyCandleToPaperPositions(SYMBOL, c)).toBe(1);
    // pnl 0.05 × (51,989.6 − 53,000) = −50.52; fee 0.05 × 53,000 × 0.00055 = 1.4575
    expect(await balanceOf(user.paperAccountId)).toBeCloseTo(9_998.570286 - 50.52 - 1.4575, 8);
    const [p] = await positionRows(user.paperAccountId);
    expect(p).toMatchObject({ closeReason: "stop_loss", closePrice: 53_000, realizedPnl: -50.52 });
    expect(await ledgerSum(user.paperAccountId)).toBeCloseTo(await balanceOf(user.paperAccountId), 8);
  });

  it("liquidates at the maintenance margin and loses the isolated margin", async () => {
    const user = await makeUser("paper-liq");
    const ex = await getAdapter(user.paperAccountId, user.id);
    await writeCandle(SYMBOL, { t: past(), c: 50_000 });
    await ex.setLeverage(SYMBOL, 20);
    await ex.placeMarketOrder({ symbol: SYMBOL, side: "buy", qty: 0.2, clientOrderId: "liq-1" });
    // fee 0.2 × 50,010 × 0.00055 = 5.5011; margin 10,002 / 20 = 500.1; liq 50,010 × 0.955 = 47,759.55
    expect((await ex.getPosition(SYMBOL))!.liquidationPrice).toBeCloseTo(47_759.55, 8);
    const safe = await writeCandle(SYMBOL, { t: future(), o: 50_000, h: 50_000, l: 47_800, c: 48_000 });
    expect(await applyCandleToPaperPositions(SYMBOL, safe)).toBe(0);
    const c = await writeCandle(SYMBOL, { t: future() + 60_000, o: 48_000, h: 48_000, l: 47_700, c: 47_900 });
    expect(await applyCandleToPaperPositions(SYMBOL, c)).toBe(1);
    expect(await balanceOf(user.paperAccountId)).toBeCloseTo(10_000 - 5.5011 - 500.1, 8);
    const [p] = await positionRows(user.paperAccountId);
    expect(p).toMatchObject({ closeReason: "liquidation", closePrice: 47_759.55, realizedPnl: -500.1 });
    const liq = await db
      .select()
      .from(paperLedger)
      .where(
        and(eq(paperLedger.exchangeAccountId, user.paperAccountId), eq(paperLedger.type, "liquidation")),
      );
    expect(liq.map((l) => l.amount)).toEqual([-500.1]);
  });

  it("closes on an opposite order with realised PnL, refuses what it cannot afford, and resets", async () => {
    const user = await makeUser("paper-close");
    const ex = await getAdapter(user.paperAccountId, user.id);
    await writeCandle(SYMBOL, { t: past(), c: 50_000 });
    await ex.placeMarketOrder({ symbol: SYMBOL, side: "buy", qty: 0.1, clientOrderId: "c-open" });
    await writeCandle(SYMBOL, { t: past() + 60_000, c: 51_000 });
    const close = await ex.placeMarketOrder({
      symbol: SYMBOL,
      side: "sell",
      qty: 0.1,
      clientOrderId: "c-close",
      reduceOnly: true,
    });
    // sell fill 51,000 × 0.9998 = 50,989.8; pnl 0.1 × (50,989.8 − 50,010) = 97.98; fees 2.75055 + 2.804439
    expect(close.price).toBeCloseTo(50_989.8, 8);
    expect(await ex.getPosition(SYMBOL)).toBeNull();
    expect(await balanceOf(user.paperAccountId)).toBeCloseTo(10_000 - 2.75055 + 97.98 - 2.804439, 6);
    const [p] = await positionRows(user.paperAccountId);
    expect(p).toMatchObject({ closeReason: "signal", realizedPnl: 97.98 });

    const before = await balanceOf(user.paperAccountId);
    const err = await ex
      .placeMarketOrder({ symbol: SYMBOL, side: "buy", qty: 1, clientOrderId: "too-big" })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExchangeError);
    expect((err as ExchangeError).kind).toBe("insufficient_balance");
    expect((err as ExchangeError).message).toMatch(/needs 51,?0\d\d\.\d\d USDT/);
    expect(await balanceOf(user.paperAccountId)).toBe(before);
    expect((await ex.findOrderByClientId(SYMBOL, "too-big"))?.status).toBe("rejected");
    const reduce = await ex
      .placeMarketOrder({ symbol: SYMBOL, side: "sell", qty: 0.1, clientOrderId: "r-none", reduceOnly: true })
      .catch((e: unknown) => e);
    expect((reduce as ExchangeError).kind).toBe("rejected");

    await ex.placeMarketOrder({ symbol: SYMBOL, side: "sell", qty: 0.05, clientOrderId: "c-open-2" });
    expect(await resetPaperAccount(user.paperAccountId)).toBe(10_000);
    expect(await balanceOf(user.paperAccountId)).toBe(10_000);
    expect(await ex.getPosition(SYMBOL)).toBeNull();
    const rows = await positionRows(user.paperAccountId);
    expect(rows.at(-1)).toMatchObject({ status: "closed", closeReason: "reset" });
    expect(await ledgerSum(user.paperAccountId)).toBeCloseTo(10_000, 8);
  });

  it("another user's account is not found", async () => {
    const a = await makeUser("paper-a");
    const b = await makeUser("paper-b");
    await expect(getAdapter(a.paperAccountId, b.id)).rejects.toMatchObject({ code: "not_found" });
  });
});
