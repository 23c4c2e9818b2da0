// Execution against the real MariaDB, Redis and the paper exchange (and the fake Bybit through ccxt):
// risk clamps, sizing, position flips, kill switches, the daily loss limit and idempotency, with numbers
// computed by hand.
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.PAPER_SLIPPAGE_BPS = "2";
  process.env.EXCHANGE_TIMEOUT_MS = "1500";
});

import { and, eq } from "drizzle-orm";
import { closeDb, db } from "@/db";
import {
  auditLog,
  exchangeAccounts,
  fills,
  orders,
  paperOrders,
  positions,
  tradingSettings,
} from "@/db/schema";
import { env } from "@/lib/env";
import { fanOut } from "@/lib/decision/fan-out";
import { adapterForAccount, getAdapter } from "@/lib/exchange/get-adapter";
import { executeForUser, RetryableExecutionError } from "@/lib/execution/execute";
import { clampLeverage, roundDownToStep, sizePosition } from "@/lib/execution/sizing";
import { closeQueues } from "@/lib/queue/queues";
import { closeRedis } from "@/lib/redis";
import { setSystemSetting } from "@/lib/system/settings";
import { startExecuteWorker } from "@/workers/execute";
import { startFakeBybit, type FakeBybit } from "../fakes/bybit";
import { addLiveAccount, clearCandles, writeCandle } from "../helpers/accounts";
import { makeDecision } from "../helpers/decisions";
import { createTraders } from "../helpers/traders";

const deps = { adapterFor: adapterForAccount };
const PRICE = 50_000;

beforeEach(async () => {
  await setSystemSetting("killSwitch", false, null);
  await clearCandles("BTCUSDT");
  await writeCandle("BTCUSDT", { t: Date.UTC(2030, 0, 1), c: PRICE });
});

afterAll(async () => {
  await clearCandles("BTCUSDT");
  await closeQueues();
  await closeDb();
  await closeRedis();
});

const openPosition = (userId: number) =>
  db.query.positions.findFirst({ where: and(eq(positions.userId, userId), eq(positions.status, "open")) });

describe("sizing and clamps (pure)", () => {
  it("clamps leverage to the smallest of decision, user, plan and market", () => {
    expect(clampLeverage(5, 3, 20, 100)).toBe(3);
    expect(clampLeverage(15, 20, 10, 100)).toBe(10);
    expect(clampLeverage(2, 20, 20, 100)).toBe(2);
    expect(clampLeverage(0, 20, 20, 100)).toBe(1);
  });

  it("sizes at the stop distance and caps by free margin", () => {
    const limits = { minQty: 0.001, qtyStep: 0.001, minNotional: 5, maxLeverage: 100 };
    // medium: 1 % of 10,000 = 100 USDT at risk; stop 1 % of 50,000 = 500 per BTC → 0.2 BTC
    expect(
      sizePosition({
        equity: 10_000,
        available: 10_000,
        price: 50_000,
        stopFraction: 0.01,
        leverage: 3,
        riskLevel: "medium",
        limits,
      }),
    ).toEqual({ ok: true, qty: 0.2 });
    // high: 2 % → 200 / 500 = 0.4 BTC, but margin allows 10,000 × 0.95 × 2 / 50,000 = 0.38 → 0.38
    expect(
      sizePosition({
        equity: 10_000,
        available: 10_000,
        price: 50_000,
        stopFraction: 0.01,
        leverage: 2,
        riskLevel: "high",
        limits,
      }),
    ).toEqual({ ok: true, qty: 0.38 });
    // low: 0.5 % of 100 = 0.5 USDT / (50,000 × 0.02) → 0.0005 BTC < 0.001 minimum
    const tiny = sizePosition({
      equity: 100,
      available: 100,
      price: 50_000,
      stopFraction: 0.02,
      leverage: 3,
      riskLevel: "low",
      limits,
    });
    expect(tiny.ok).toBe(false);
    expect(roundDownToStep(0.30000000000000004, 0.001)).toBe(0.3);
  });
});

describe("executeForUser on the paper exchange", () => {
  it("buy: opens a long sized from equity and risk at the stop, with clamped leverage, SL and TP", async () => {
    const [u] = await createTraders(1, { maxLeverage: 3 });
    const d = await makeDecision({ action: "buy", leverage: 5, stopLoss: 0.01, takeProfit: 0.02 });
    const order = await executeForUser(d.id, u!, deps);
    // fill = 50,000 × (1 + 2 bp) = 50,010; fee = 0.2 × 50,010 × 0.055 % = 5.5011
    expect(order).toMatchObject({
      status: "filled",
      kind: "open",
      side: "buy",
      qty: 0.2,
      price: 50_010,
      leverage: 3,
      stopLoss: 49_500,
      takeProfit: 51_000,
    });
    expect(order.fee).toBeCloseTo(5.5011, 4);
    expect(order.clientOrderId.length).toBeLessThanOrEqual(36);
    expect(await openPosition(u!)).toMatchObject({ side: "long", qty: 0.2, leverage: 3 });
  });

  it("skips with the reason when confidence is below the user's floor", async () => {
    const [u] = await createTraders(1, { minConfidence: 0.75 });
    const d = await makeDecision({ action: "buy", confidence: 0.7 });
    const order = await executeForUser(d.id, u!, deps);
    expect(order).toMatchObject({
      status: "skipped",
      reason: "Confidence 0.70 is below your minimum of 0.75.",
    });
    expect(await openPosition(u!)).toBeUndefined();
  });

  it("same side keeps the position; opposite side closes then opens; close flattens", async () => {
    const [u] = await createTraders(1);
    await executeForUser((await makeDecision({ action: "buy" })).id, u!, deps);
    const keep = await executeForUser((await makeDecision({ action: "buy" })).id, u!, deps);
    expect(keep).toMatchObject({ status: "skipped", reason: "Already long: keeping the open position." });

    const flip = await executeForUser((await makeDecision({ action: "sell" })).id, u!, deps);
    expect(flip).toMatchObject({ status: "filled", kind: "flip", side: "sell" });
    const short = await openPosition(u!);
    expect(short?.side).toBe("short");
    const closedLong = await db.query.positions.findFirst({
      where: and(eq(positions.userId, u!), eq(positions.side, "long")),
    });
    expect(closedLong?.status).toBe("closed");

    const close = await executeForUser((await makeDecision({ action: "close" })).id, u!, deps);
    expect(close).toMatchObject({ status: "filled", kind: "close", side: "buy", qty: short!.qty });
    expect(await openPosition(u!)).toBeUndefined();
    const nothing = await executeForUser((await makeDecision({ action: "close" })).id, u!, deps);
    expect(nothing).toMatchObject({ status: "skipped", reason: "No open position to close." });
  });

  it("skips an order too small for the market with the reason", async () => {
    const [u] = await createTraders(1, { balance: 20, riskLevel: "low" });
    const order = await executeForUser((await makeDecision({ action: "buy", stopLoss: 0.02 })).id, u!, deps);
    expect(order.status).toBe("skipped");
    expect(order.reason).toMatch(/below the exchange minimum/);
  });

  it("the global kill switch and the user's kill switch each stop an order", async () => {
    const [a, b] = await createTraders(2);
    const d = await makeDecision({ action: "buy" });
    await setSystemSetting("killSwitch", true, null);
    expect(await executeForUser(d.id, a!, deps)).toMatchObject({
      status: "skipped",
      reason: "Global kill switch is on: no new orders.",
    });
    await setSystemSetting("killSwitch", false, null);
    await db.update(tradingSettings).set({ killSwitch: true }).where(eq(tradingSettings.userId, b!));
    expect(await executeForUser(d.id, b!, deps)).toMatchObject({
      status: "skipped",
      reason: "Your kill switch is on.",
    });
    expect(
      await db
        .select()
        .from(paperOrders)
        .where(eq(paperOrders.clientOrderId, `tp-${d.id.toString(36)}-${a!.toString(36)}-o`)),
    ).toHaveLength(0);
  });

  it("the daily loss limit switches auto-trading off with an audit entry and a notice", async () => {
    const [u] = await createTraders(1);
    await db.update(tradingSettings).set({ dailyLossLimit: 100 }).where(eq(tradingSettings.userId, u!));
    const account = await db.query.exchangeAccounts.findFirst({ where: eq(exchangeAccounts.userId, u!) });
    // A stop-out earlier today, in the ledger: −120 USDT realised and 0.50 in fees.
    await db.insert(fills).values({
      userId: u!,
      exchangeAccountId: account!.id,
      symbol: "BTCUSDT",
      tradeId: `loss-${u}`,
      side: "sell",
      qty: 0.1,
      price: 48_800,
      fee: 0.5,
      realizedPnl: -120,
      reduces: true,
      exitKind: "stop_loss",
      executedAt: new Date(),
    });
    const order = await executeForUser((await makeDecision({ action: "buy" })).id, u!, deps);
    expect(order.status).toBe("skipped");
    expect(order.reason).toBe(
      "Daily loss limit reached: 120.50 USDT lost today (limit 100.00). Auto-trading was switched off.",
    );
    const settings = await db.query.tradingSettings.findFirst({ where: eq(tradingSettings.userId, u!) });
    expect(settings).toMatchObject({ autoTrade: false, pausedReason: order.reason });
    const entries = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetUserId, u!), eq(auditLog.action, "trading.daily_loss_limit")));
    expect(entries).toHaveLength(1);
  });

  it("running the same (decision, user) twice gives one order row and one exchange order", async () => {
    const [u] = await createTraders(1);
    const d = await makeDecision({ action: "sell" });
    const [first, second] = await Promise.all([
      executeForUser(d.id, u!, deps),
      executeForUser(d.id, u!, deps),
    ]);
    const again = await executeForUser(d.id, u!, deps);
    expect(first.id).toBe(second.id);
    expect(again.id).toBe(first.id);
    expect(
      await db
        .select()
        .from(orders)
        .where(and(eq(orders.decisionId, d.id), eq(orders.userId, u!))),
    ).toHaveLength(1);
    const account = await db.query.exchangeAccounts.findFirst({ where: eq(exchangeAccounts.userId, u!) });
    expect(
      await db.select().from(paperOrders).where(eq(paperOrders.exchangeAccountId, account!.id)),
    ).toHaveLength(1);
  });

  it("enqueueing the same decision twice through the real queue and worker: one order per user", async () => {
    const ids = await createTraders(20);
    const d = await makeDecision({ action: "buy" });
    await fanOut(d, ids);
    await fanOut(d, ids);
    const worker = await startExecuteWorker();
    try {
      await expect
        .poll(
          async () =>
            (await db.select().from(orders).where(eq(orders.decisionId, d.id))).filter(
              (o) => o.status !== "pending",
            ).length,
          { timeout: 20_000, interval: 200 },
        )
        .toBe(20);
    } finally {
      await worker.close();
    }
    const rows = await db.select().from(orders).where(eq(orders.decisionId, d.id));
    expect(rows).toHaveLength(20);
    expect(rows.every((o) => o.status === "filled")).toBe(true);
  });
});

describe("executeForUser on Bybit through ccxt (fake server)", () => {
  let fake: FakeBybit;

  // Each test gets its own fake Bybit; the adapter reads its base URL from env (parsed once per file).
  beforeEach(async () => {
    fake = await startFakeBybit({ price: PRICE });
    (env as { BYBIT_API_URL?: string }).BYBIT_API_URL = fake.url;
  });
  afterEach(() => fake.close());

  async function liveTrader(): Promise<number> {
    const [u] = await createTraders(1, { plan: "elite" });
    const key = `LIVEKEY${u}`.padEnd(16, "0");
    const secret = `live-secret-${u}`;
    fake.state.keys.set(key, { secret, balance: 10_000 });
    const acctId = await addLiveAccount(u!, { apiKey: key, apiSecret: secret });
    await db.update(tradingSettings).set({ exchangeAccountId: acctId }).where(eq(tradingSettings.userId, u!));
    return u!;
  }

  it("a lost response (order placed, HTTP 500 returned) ends with the first order, not a second", async () => {
    const u = await liveTrader();
    const d = await makeDecision({ action: "buy" });
    fake.state.lostResponses = { path: "/v5/order/create", remaining: 1 };
    const order = await executeForUser(d.id, u, deps);
    expect(fake.state.ordersPlaced).toBe(1);
    expect(order).toMatchObject({ status: "filled", side: "buy", qty: 0.2 });
    expect(order.exchangeOrderId).toBe([...fake.state.orders.values()][0]!.orderId);
  });

  it("a job that crashed after the exchange took the order finds it on retry and places nothing new", async () => {
    const u = await liveTrader();
    const d = await makeDecision({ action: "buy" });
    // The first attempt claimed its row and reached the exchange, then the process died.
    const acct = await db.query.exchangeAccounts.findFirst({
      where: and(eq(exchangeAccounts.userId, u), eq(exchangeAccounts.exchange, "bybit")),
    });
    const clientOrderId = `tp-${d.id.toString(36)}-${u.toString(36)}-o`;
    await db.insert(orders).values({
      userId: u,
      decisionId: d.id,
      symbol: "BTCUSDT",
      clientOrderId,
      status: "pending",
      kind: "none",
    });
    await (
      await getAdapter(acct!.id, u)
    ).placeMarketOrder({ symbol: "BTCUSDT", side: "buy", qty: 0.123, clientOrderId });
    expect(fake.state.ordersPlaced).toBe(1);
    // A transient failure on the retry's first call surfaces as retryable, and nothing is placed.
    fake.fail("500", 1);
    await expect(executeForUser(d.id, u, deps)).rejects.toBeInstanceOf(RetryableExecutionError);
    const order = await executeForUser(d.id, u, deps);
    expect(fake.state.ordersPlaced).toBe(1);
    expect(order).toMatchObject({ status: "filled", side: "buy", qty: 0.123 });
  });

  it("a revoked key fails without retry, marks the account invalid and tells the user", async () => {
    const u = await liveTrader();
    const acct = await db.query.exchangeAccounts.findFirst({
      where: and(eq(exchangeAccounts.userId, u), eq(exchangeAccounts.exchange, "bybit")),
    });
    fake.state.keys.clear();
    const order = await executeForUser((await makeDecision({ action: "buy" })).id, u, deps);
    expect(order.status).toBe("failed");
    expect(order.reason).toMatch(/reject|invalid|key/i);
    expect(
      (await db.query.exchangeAccounts.findFirst({ where: eq(exchangeAccounts.id, acct!.id) }))?.status,
    ).toBe("invalid");
    expect(fake.state.ordersPlaced).toBe(0);
  });
});
