// Crash safety: SIGKILL the worker process in the middle of a fan-out of 1,000 users, start it again, and
// check that every eligible user has exactly one order row and one exchange order for the decision —
// on the paper exchange, and on the fake Bybit through the real ccxt client.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray, like, sql } from "drizzle-orm";
import { closeDb, db } from "@/db";
import { exchangeAccounts, orders, paperOrders, tradingSettings } from "@/db/schema";
import { fanOut } from "@/lib/decision/fan-out";
import { closeQueues } from "@/lib/queue/queues";
import { closeRedis } from "@/lib/redis";
import { setSystemSetting } from "@/lib/system/settings";
import { startFakeBybit, type FakeBybit } from "../fakes/bybit";
import { addLiveAccount, clearCandles, writeCandle } from "../helpers/accounts";
import { makeDecision } from "../helpers/decisions";
import { createTraders } from "../helpers/traders";
import { killWorkerProcess, startWorkerProcess } from "../helpers/worker-process";

const USERS = 1000;
let fake: FakeBybit;

beforeAll(async () => {
  await setSystemSetting("killSwitch", false, null);
  await clearCandles("BTCUSDT");
  await writeCandle("BTCUSDT", { t: Date.UTC(2030, 0, 1), c: 50_000 });
  fake = await startFakeBybit({ price: 50_000 });
});

afterAll(async () => {
  await clearCandles("BTCUSDT");
  await fake.close();
  await closeQueues();
  await closeDb();
  await closeRedis();
});

const finished = async (decisionId: number) => {
  const [row] = await db
    .select({ n: sql<number>`COUNT(*)` })
    .from(orders)
    .where(and(eq(orders.decisionId, decisionId), sql`${orders.status} <> 'pending'`));
  return Number(row?.n ?? 0);
};

/** Fan out, SIGKILL the worker mid-way, restart it, and wait until every user has a final row. */
async function crashAndRecover(decisionId: number, userIds: number[], env: Record<string, string>) {
  const decision = (await db.query.decisions.findFirst({ where: (d, { eq: e }) => e(d.id, decisionId) }))!;
  await fanOut(decision, userIds);
  const workerEnv = { WORKER_ROLES: "execute", EXECUTE_CONCURRENCY: "50", EXECUTE_LOCK_MS: "3000", ...env };
  const first = startWorkerProcess(workerEnv);
  await expect
    .poll(() => finished(decisionId), { timeout: 60_000, interval: 100 })
    .toBeGreaterThanOrEqual(100);
  await killWorkerProcess(first, "SIGKILL");
  const atKill = await finished(decisionId);
  const second = startWorkerProcess(workerEnv);
  try {
    await expect.poll(() => finished(decisionId), { timeout: 120_000, interval: 250 }).toBe(userIds.length);
  } finally {
    await killWorkerProcess(second, "SIGTERM");
  }
  return atKill;
}

describe("SIGKILL in the middle of a 1,000-user fan-out", () => {
  it("paper exchange: one order row and one exchange order per user", async () => {
    const ids = await createTraders(USERS);
    const d = await makeDecision({ action: "buy" });
    const atKill = await crashAndRecover(d.id, ids, {});
    expect(atKill).toBeLessThan(USERS); // the kill really happened mid-way
    const rows = await db.select().from(orders).where(eq(orders.decisionId, d.id));
    expect(rows).toHaveLength(USERS);
    expect(new Set(rows.map((r) => r.userId)).size).toBe(USERS);
    expect(rows.filter((r) => r.status !== "filled")).toEqual([]);
    const prefix = `tp-${d.id.toString(36)}-%`;
    const placed = await db
      .select({ account: paperOrders.exchangeAccountId, n: sql<number>`COUNT(*)` })
      .from(paperOrders)
      .where(like(paperOrders.clientOrderId, prefix))
      .groupBy(paperOrders.exchangeAccountId);
    expect(placed).toHaveLength(USERS);
    expect(placed.every((p) => Number(p.n) === 1)).toBe(true);
  }, 240_000);

  it("Bybit via ccxt (fake server): one order row and one exchange order per user", async () => {
    const ids = await createTraders(USERS, { plan: "elite" });
    for (const userId of ids) {
      const key = `CRASHKEY${userId}`.padEnd(18, "0");
      const secret = `crash-secret-${userId}`;
      fake.state.keys.set(key, { secret, balance: 10_000 });
      await addLiveAccount(userId, { apiKey: key, apiSecret: secret });
    }
    const live = await db
      .select({ id: exchangeAccounts.id, userId: exchangeAccounts.userId })
      .from(exchangeAccounts)
      .where(and(inArray(exchangeAccounts.userId, ids), eq(exchangeAccounts.exchange, "bybit")));
    for (const a of live)
      await db
        .update(tradingSettings)
        .set({ exchangeAccountId: a.id })
        .where(eq(tradingSettings.userId, a.userId));
    const d = await makeDecision({ action: "sell" });
    const atKill = await crashAndRecover(d.id, ids, { BYBIT_API_URL: fake.url });
    expect(atKill).toBeLessThan(USERS);
    const rows = await db.select().from(orders).where(eq(orders.decisionId, d.id));
    expect(rows).toHaveLength(USERS);
    expect(rows.filter((r) => r.status !== "filled")).toEqual([]);
    const linkIds = [...fake.state.orders.values()]
      .filter((o) => o.orderLinkId.startsWith(`tp-${d.id.toString(36)}-`))
      .map((o) => o.orderLinkId);
    expect(linkIds).toHaveLength(USERS);
    expect(new Set(linkIds).size).toBe(USERS);
    expect(fake.state.ordersPlaced).toBe(USERS);
  }, 300_000);
});
