// A scripted trading day on live accounts, against the fake Bybit through the real ccxt client: fills, a partial
// fill, a stop loss hit on the exchange, the daily loss limit tripping, the owner trading by hand, a rejection, a
// rate-limit burst, a timeout while placing, and a SIGKILL between placement and recording. Afterwards, per
// account, Tickpilot's realised PnL, fees and position equal the fake exchange's books to the cent, no order is
// left unsettled after two reconcile passes, and no order was placed twice.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.EXCHANGE_TIMEOUT_MS = "1500";
});

vi.mock("@/lib/auth/session", async (importOriginal) =>
  (await import("../helpers/as-user")).sessionMock(importOriginal as never),
);

import { and, eq, inArray, sql } from "drizzle-orm";
import { GET as getPerformance } from "@/app/api/performance/route";
import { closeDb, db } from "@/db";
import { fills, orders, positions, tradingSettings } from "@/db/schema";
import { fanOut } from "@/lib/decision/fan-out";
import { env } from "@/lib/env";
import { adapterForAccount } from "@/lib/exchange/get-adapter";
import { executeForUser } from "@/lib/execution/execute";
import { closeQueues, getQueue } from "@/lib/queue/queues";
import { QUEUES } from "@/lib/queue/names";
import { reconcileAccount } from "@/lib/reconcile/reconcile-account";
import { closeRedis } from "@/lib/redis";
import { startFakeBybit, type FakeBybit } from "../fakes/bybit";
import { addLiveAccount, clearCandles, writeCandle } from "../helpers/accounts";
import { jsonRequest, signInAs } from "../helpers/as-user";
import { makeDecision } from "../helpers/decisions";
import { createTraders } from "../helpers/traders";
import { killWorkerProcess, startWorkerProcess } from "../helpers/worker-process";

const deps = { adapterFor: adapterForAccount };
const START = 50_000;
let fake: FakeBybit;
let n = 0;
let keys = 0;

interface Trader {
  userId: number;
  accountId: number;
  apiKey: string;
}

async function liveTrader(opts: { dailyLossLimit?: number } = {}): Promise<Trader> {
  keys += 1;
  const apiKey = `DAYKEY${process.pid}K${String(keys).padStart(4, "0")}`;
  const apiSecret = `day-secret-${keys}`;
  fake.state.keys.set(apiKey, { secret: apiSecret, balance: 10_000 });
  const [userId] = await createTraders(1, { minConfidence: 0, maxLeverage: 5, plan: "elite" });
  const accountId = await addLiveAccount(userId!, { apiKey, apiSecret });
  await db
    .update(tradingSettings)
    .set({ exchangeAccountId: accountId, dailyLossLimit: opts.dailyLossLimit ?? null })
    .where(eq(tradingSettings.userId, userId!));
  return { userId: userId!, accountId, apiKey };
}

const decide = (action: "buy" | "sell" | "close") =>
  makeDecision({
    action,
    leverage: 5,
    stopLoss: 0.01,
    takeProfit: 0.02,
    groupKey: `day-${process.pid}-${++n}`,
  });

async function setPrice(p: number) {
  fake.setPrice(p);
  await writeCandle("BTCUSDT", { t: Date.UTC(2030, 0, 1), c: p });
}

const ledgerPosition = async (accountId: number) =>
  (
    await db
      .select()
      .from(positions)
      .where(and(eq(positions.exchangeAccountId, accountId), eq(positions.status, "open")))
  )[0] ?? null;

const rows = (userId: number) => db.select().from(orders).where(eq(orders.userId, userId));

beforeAll(async () => {
  fake = await startFakeBybit({ price: START });
  (env as { BYBIT_API_URL?: string }).BYBIT_API_URL = fake.url;
  await clearCandles("BTCUSDT");
  await setPrice(START);
});

afterAll(async () => {
  await getQueue(QUEUES.reconcile).obliterate({ force: true });
  await clearCandles("BTCUSDT");
  await fake.close();
  await closeQueues();
  await closeDb();
  await closeRedis();
});

describe("a trading day on live accounts", () => {
  const traders: Trader[] = [];

  it("fills, reads the fill back, and a stop loss on the exchange trips the daily loss limit", async () => {
    const a = await liveTrader({ dailyLossLimit: 10 });
    traders.push(a);
    const order = await executeForUser((await decide("buy")).id, a.userId, deps);
    expect(order).toMatchObject({ status: "filled", kind: "open", side: "buy" });
    expect(order.filledQty).toBe(order.qty);
    await reconcileAccount(a.accountId);
    const [fill] = await db.select().from(fills).where(eq(fills.exchangeAccountId, a.accountId));
    expect(fill).toMatchObject({ side: "buy", origin: "tickpilot", reduces: false, exitKind: null });
    expect((await rows(a.userId))[0]!.fee).toBeCloseTo(fill!.fee, 8);
    const pos = await ledgerPosition(a.accountId);
    expect(pos).toMatchObject({ side: "long", qty: order.qty, origin: "tickpilot", leverage: 5 });
    expect(pos!.stopLoss).toBe(order.stopLoss);

    // The price falls through the stop: the exchange closes the position on its own.
    await setPrice(START * 0.985);
    await reconcileAccount(a.accountId);
    expect(await ledgerPosition(a.accountId)).toBeNull();
    const exit = (await db.select().from(fills).where(eq(fills.exchangeAccountId, a.accountId)))[1]!;
    expect(exit).toMatchObject({ exitKind: "stop_loss", reduces: true, price: order.stopLoss });
    expect(exit.realizedPnl).toBeCloseTo((order.stopLoss! - pos!.entryPrice) * order.qty!, 6);
    const log = await rows(a.userId);
    expect(log.find((r) => r.kind === "stop_loss")).toMatchObject({
      status: "filled",
      reason: "Stop loss triggered on the exchange",
    });
    // The performance panel shows the round trip the exchange closed, labelled, net of both legs' fees.
    await signInAs(a.userId);
    const perf = await (await getPerformance(jsonRequest("/api/performance"), undefined)).json();
    expect(perf.trades).toHaveLength(1);
    expect(perf.trades[0]).toMatchObject({
      side: "long",
      exitReason: "stop_loss",
      exitPrice: order.stopLoss,
    });
    expect(perf.trades[0].net).toBeCloseTo(exit.realizedPnl - fill!.fee - exit.fee, 2);
    // ≈ 50 USDT lost against a 10 USDT limit: auto-trading is off, with the reason, and the next decision is skipped.
    const settings = await db.query.tradingSettings.findFirst({
      where: eq(tradingSettings.userId, a.userId),
    });
    expect(settings).toMatchObject({ autoTrade: false });
    expect(settings!.pausedReason).toMatch(/^Daily loss limit reached/);
    const next = await executeForUser((await decide("buy")).id, a.userId, deps);
    expect(next).toMatchObject({ status: "skipped", reason: "Auto-trading was switched off." });
  });

  it("a partial fill stays partially filled until the rest fills", async () => {
    const b = await liveTrader();
    traders.push(b);
    fake.state.partialNext = 0.5;
    const order = await executeForUser((await decide("buy")).id, b.userId, deps);
    expect(order.status).toBe("partially_filled");
    expect(order.filledQty).toBeCloseTo(order.qty! / 2, 3);
    await reconcileAccount(b.accountId);
    expect((await rows(b.userId))[0]).toMatchObject({ status: "partially_filled" });
    fake.fillRemaining(order.clientOrderId);
    await reconcileAccount(b.accountId);
    const settled = (await rows(b.userId))[0]!;
    expect(settled).toMatchObject({ status: "filled", filledQty: order.qty });
    expect(await ledgerPosition(b.accountId)).toMatchObject({ side: "long", qty: order.qty });
  });

  it("the owner closes Tickpilot's position by hand, then opens their own: recorded, and never touched", async () => {
    const b = traders[1]!;
    const pos = (await ledgerPosition(b.accountId))!;
    fake.manualOrder(b.apiKey, { symbol: "BTCUSDT", side: "Sell", qty: pos.qty });
    await reconcileAccount(b.accountId);
    expect(await ledgerPosition(b.accountId)).toBeNull();
    const [closed] = await db
      .select()
      .from(positions)
      .where(and(eq(positions.id, pos.id)));
    expect(closed).toMatchObject({ status: "closed", closeReason: "manual" });
    expect((await rows(b.userId)).find((r) => r.kind === "manual")).toMatchObject({
      reason: "Closed by you on the exchange",
    });
    fake.manualOrder(b.apiKey, { symbol: "BTCUSDT", side: "Buy", qty: 0.05 });
    await reconcileAccount(b.accountId);
    expect(await ledgerPosition(b.accountId)).toMatchObject({ side: "long", qty: 0.05, origin: "foreign" });
    const placed = fake.state.ordersPlaced;
    const sell = await executeForUser((await decide("sell")).id, b.userId, deps);
    expect(sell.status).toBe("skipped");
    expect(sell.reason).toMatch(/that you opened yourself is on the account: Tickpilot does not touch it/);
    const close = await executeForUser((await decide("close")).id, b.userId, deps);
    expect(close.status).toBe("skipped");
    expect(fake.state.ordersPlaced).toBe(placed);
  });

  it("a rejection ends as a failed row with the exchange's reason, and nothing at the exchange", async () => {
    const c = await liveTrader();
    traders.push(c);
    const placed = fake.state.ordersPlaced;
    fake.state.rejectNext = { retCode: 110007, retMsg: "ab not enough for new order" };
    const order = await executeForUser((await decide("buy")).id, c.userId, deps);
    expect(order.status).toBe("failed");
    expect(order.reason).toMatch(/Not enough balance on Bybit|rejected/);
    expect(fake.state.ordersPlaced).toBe(placed);
  });

  it("a rate-limit burst backs off and retries; every order is placed once", async () => {
    const burst = await Promise.all([1, 2, 3, 4, 5].map(() => liveTrader()));
    traders.push(...burst);
    fake.state.rateLimit = { perIp: 12, windowMs: 1_000, ordersPerSecondPerKey: 5 };
    const before = fake.state.rateLimited;
    const d = await decide("sell");
    const results = await Promise.allSettled(burst.map((t) => executeForUser(d.id, t.userId, deps))).finally(
      () => (fake.state.rateLimit = null),
    );
    expect(fake.state.rateLimited).toBeGreaterThan(before);
    expect(results.map((r) => (r.status === "fulfilled" ? r.value.status : String(r.reason)))).toEqual([
      "filled",
      "filled",
      "filled",
      "filled",
      "filled",
    ]);
    const links = [...fake.state.orders.values()].filter((o) =>
      o.orderLinkId.startsWith(`tp-${d.id.toString(36)}-`),
    );
    expect(links).toHaveLength(5);
  });

  it("a timeout while placing finds the order by its client id instead of placing a second", async () => {
    const e = await liveTrader();
    traders.push(e);
    const placed = fake.state.ordersPlaced;
    fake.state.lostResponses = { path: "/v5/order/create", remaining: 1, mode: "hang" };
    const order = await executeForUser((await decide("buy")).id, e.userId, deps);
    expect(order.status).toBe("filled");
    expect(fake.state.ordersPlaced).toBe(placed + 1);
  });

  it("a SIGKILL between placement and recording: the next worker records the order it finds", async () => {
    const f = await liveTrader();
    traders.push(f);
    const d = await decide("buy");
    fake.state.lostResponses = { path: "/v5/order/create", remaining: 1, mode: "hang" };
    const placed = fake.state.ordersPlaced;
    const workerEnv = { WORKER_ROLES: "execute", BYBIT_API_URL: fake.url, EXCHANGE_TIMEOUT_MS: "60000" };
    const first = startWorkerProcess(workerEnv);
    await fanOut(d, [f.userId]);
    await expect.poll(() => fake.state.ordersPlaced, { timeout: 30_000, interval: 50 }).toBe(placed + 1);
    await killWorkerProcess(first, "SIGKILL");
    expect((await rows(f.userId))[0]).toMatchObject({ status: "pending" });
    const second = startWorkerProcess({ ...workerEnv, EXCHANGE_TIMEOUT_MS: "1500" });
    try {
      await expect
        .poll(async () => (await rows(f.userId))[0]?.status, { timeout: 60_000, interval: 250 })
        .toBe("filled");
    } finally {
      await killWorkerProcess(second, "SIGTERM");
    }
    expect(fake.state.ordersPlaced).toBe(placed + 1);
  }, 120_000);

  it("at the end of the day the ledger equals the exchange's books to the cent, and nothing is unsettled", async () => {
    for (let pass = 0; pass < 2; pass++) for (const t of traders) await reconcileAccount(t.accountId);
    const userIds = traders.map((t) => t.userId);
    const unsettled = await db
      .select()
      .from(orders)
      .where(
        and(
          inArray(orders.userId, userIds),
          inArray(orders.status, ["pending", "placed", "partially_filled"]),
        ),
      );
    expect(unsettled.map((o) => `${o.userId}: ${o.status}`)).toEqual([]);
    for (const t of traders) {
      const book = fake.book(t.apiKey);
      const [sum] = await db
        .select({
          pnl: sql<string>`COALESCE(SUM(${fills.realizedPnl}), 0)`,
          fee: sql<string>`COALESCE(SUM(${fills.fee}), 0)`,
        })
        .from(fills)
        .where(eq(fills.exchangeAccountId, t.accountId));
      expect(Number(sum!.pnl)).toBeCloseTo(book.realizedPnl, 2);
      expect(Number(sum!.fee)).toBeCloseTo(book.fees, 2);
      const ex = book.positions.get("BTCUSDT");
      const mine = await ledgerPosition(t.accountId);
      if (!ex) expect(mine).toBeNull();
      else {
        expect(mine).toMatchObject({ side: ex.side === "Buy" ? "long" : "short", qty: ex.size });
        expect(mine!.entryPrice).toBeCloseTo(ex.avgPrice, 2);
      }
    }
    // No client order id was used twice, and every Tickpilot order at the exchange has its row.
    const links = [...fake.state.orders.values()]
      .map((o) => o.orderLinkId)
      .filter((l) => l.startsWith("tp-"));
    expect(new Set(links).size).toBe(links.length);
  });
});
