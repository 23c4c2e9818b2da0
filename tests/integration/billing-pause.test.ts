// What a billing pause really does on a live account (issue 19, finding 3): new entries stop, the open position
// stays protected (its stop-loss and take-profit stay on the exchange, `close` decisions still execute), the
// notice says so, and one call switches auto-trading to the paper account. Real fake Bybit through ccxt.
import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import { closeDb, db } from "@/db";
import { auditLog, exchangeAccounts, tradingSettings } from "@/db/schema";
import { planFor } from "@/lib/billing/limits";
import { closeBillingQueue } from "@/lib/billing/queue";
import { loadDecisionGroups } from "@/lib/decision/groups";
import { env } from "@/lib/env";
import { adapterForAccount } from "@/lib/exchange/get-adapter";
import { executeForUser } from "@/lib/execution/execute";
import { closeRedis } from "@/lib/redis";
import { startBillingWorker } from "@/workers/billing";
import { startFakeBybit, type FakeBybit } from "../fakes/bybit";
import { clearCandles, writeCandle } from "../helpers/accounts";
import { jsonRequest, signInAs } from "../helpers/as-user";
import { deliverAndWait, payingTrader, pausedReason, storedPlan } from "../helpers/billing";
import { makeDecision } from "../helpers/decisions";

vi.mock("@/lib/auth/session", async (importOriginal) =>
  (await import("../helpers/as-user")).sessionMock(importOriginal as never),
);

const fake = await vi.hoisted(() =>
  import("../helpers/stripe-env").then((m) =>
    m.startStripeEnv("whsec_pause_test", { EXCHANGE_TIMEOUT_MS: "1500" }),
  ),
);

const deps = { adapterFor: adapterForAccount };
const PRICE = 50_000;
let bybit: FakeBybit;
let worker: Awaited<ReturnType<typeof startBillingWorker>>;

beforeAll(async () => {
  worker = await startBillingWorker();
});
beforeEach(async () => {
  bybit = await startFakeBybit({ price: PRICE });
  (env as { BYBIT_API_URL?: string }).BYBIT_API_URL = bybit.url;
  await clearCandles("BTCUSDT");
  await writeCandle("BTCUSDT", { t: Date.UTC(2030, 0, 1), c: PRICE });
});
afterEach(() => bybit.close());
afterAll(async () => {
  await clearCandles("BTCUSDT");
  await worker.close();
  await closeBillingQueue();
  await fake.close();
  await closeDb();
  await closeRedis();
});

// A paying Pro user trading live on the fake Bybit, with a long opened while the subscription was active.
async function liveTraderWithLong() {
  const keys = {
    key: `LIVEKEY${randomBytes(6).toString("hex")}`,
    secret: `live-secret-${randomBytes(6).toString("hex")}`,
  };
  bybit.state.keys.set(keys.key, { secret: keys.secret, balance: 10_000 });
  const user = await payingTrader(fake, { plan: "pro", keys });
  const open = await executeForUser((await makeDecision({ action: "buy" })).id, user.id, deps);
  expect(open).toMatchObject({ status: "filled", kind: "open", side: "buy" });
  const placed = [...bybit.state.orders.values()].find((o) => o.apiKey === keys.key)!;
  expect([Number(placed.stopLoss), Number(placed.takeProfit)]).toEqual([49_500, 51_000]);
  return user;
}

async function setStatus(user: { subId: string }, status: "past_due" | "canceled") {
  const sub = fake.setSubscription(user.subId, { status });
  const type = status === "canceled" ? "customer.subscription.deleted" : "customer.subscription.updated";
  expect((await deliverAndWait(fake, type, { ...sub })).status).toBe("processed");
}

const protectiveOrdersTouched = () =>
  bybit.state.requests.filter((r) => /order\/cancel|trading-stop|cancel-all/.test(r));

describe("past due on a live account", () => {
  it("stops new entries, keeps the position's SL/TP on the exchange, and still executes close", async () => {
    const user = await liveTraderWithLong();
    await setStatus(user, "past_due");
    const access = await planFor({ id: user.id, plan: "pro" });
    const placed = bybit.state.ordersPlaced;
    const sell = await executeForUser((await makeDecision({ action: "sell" })).id, user.id, deps);
    expect(sell).toMatchObject({ status: "skipped", reason: access.reason });
    expect(bybit.state.ordersPlaced).toBe(placed);

    const close = await executeForUser((await makeDecision({ action: "close" })).id, user.id, deps);
    expect(close).toMatchObject({ status: "filled", kind: "close", side: "sell", qty: 0.2 });
    expect(bybit.state.ordersPlaced).toBe(placed + 1);
    expect([...bybit.state.orders.values()].at(-1)).toMatchObject({ reduceOnly: true, side: "Sell" });
    expect(protectiveOrdersTouched()).toEqual([]);
    // The notice says what really happens (no "paper trading continues" on a live account).
    expect(access.reason).toBe(
      "Your Pro subscription is past due: no new live trades are opened until the payment goes through. Open positions stay protected.",
    );
    expect(await pausedReason(user.id)).toEqual({ reason: access.reason, autoTrade: true });
  });
});

describe("a cancelled subscription (now Free) with a live position", () => {
  it("still gets decisions, skips new entries and executes close", async () => {
    const user = await liveTraderWithLong();
    await setStatus(user, "canceled");
    expect(await storedPlan(user.id)).toBe("free");
    const groups = await loadDecisionGroups("BTCUSDT", "builtin/indicators-v1");
    expect(groups.flatMap((g) => g.userIds)).toContain(user.id);
    const buy = await executeForUser((await makeDecision({ action: "buy" })).id, user.id, deps);
    expect(buy.status).toBe("skipped");
    expect(buy.reason).toBe(
      "Your Pro subscription has ended, so you are on the Free plan: no new live trades are opened. Open positions stay protected.",
    );
    const close = await executeForUser((await makeDecision({ action: "close" })).id, user.id, deps);
    expect(close).toMatchObject({ status: "filled", kind: "close" });
  });
});

describe("one click to the paper account", () => {
  const call = async (body?: unknown) => {
    const { POST } = await import("@/app/api/billing/paper-switch/route");
    const res = await POST(jsonRequest("/api/billing/paper-switch", "POST", body), {});
    return { status: res.status, body: (await res.json()) as { accountId?: number } };
  };
  const selected = async (userId: number) =>
    (await db.select().from(tradingSettings).where(eq(tradingSettings.userId, userId)))[0]!;

  it("moves auto-trading to the paper account, clears the notice, audits it; new entries trade on paper", async () => {
    const user = await liveTraderWithLong();
    const other = await liveTraderWithLong();
    await setStatus(user, "past_due");
    await setStatus(other, "past_due");

    await signInAs(null);
    expect((await call()).status).toBe(401);
    await signInAs(user.id);
    expect((await call({ accountId: other.accountId })).status).toBe(400);
    expect((await selected(user.id)).exchangeAccountId).toBe(user.accountId);

    const res = await call();
    expect(res.status).toBe(200);
    const paper = await db.query.exchangeAccounts.findFirst({
      where: and(eq(exchangeAccounts.userId, user.id), eq(exchangeAccounts.exchange, "paper")),
    });
    expect(res.body).toEqual({ accountId: paper!.id });
    expect(await selected(user.id)).toMatchObject({
      exchangeAccountId: paper!.id,
      autoTrade: true,
      pausedReason: null,
    });
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetUserId, user.id), eq(auditLog.action, "billing.switched_to_paper")));
    expect(entry).toMatchObject({ actorId: user.id, metadata: { from: user.accountId, to: paper!.id } });
    // The other user (same state) is untouched.
    expect((await selected(other.id)).exchangeAccountId).toBe(other.accountId);

    const placed = bybit.state.ordersPlaced;
    const buy = await executeForUser((await makeDecision({ action: "sell" })).id, user.id, deps);
    expect(buy).toMatchObject({ status: "filled", exchangeAccountId: paper!.id });
    expect(bybit.state.ordersPlaced).toBe(placed);
    // The live long is still on the exchange with its stop-loss and take-profit.
    expect(protectiveOrdersTouched()).toEqual([]);
  });
});
