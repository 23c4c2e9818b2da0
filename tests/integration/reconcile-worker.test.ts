// The reconcile worker role against the fake Bybit: startup reconciliation of every watched live account, a
// private WebSocket stream per account, and a trade the owner makes by hand on the exchange reaching the ledger
// within seconds through that stream (the periodic pass would take up to 5 minutes for an idle account), as does
// a leverage change made on the exchange.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, ne } from "drizzle-orm";
import { closeDb, db } from "@/db";
import { accountSync, exchangeAccounts, fills, positions, tradingSettings } from "@/db/schema";
import { env } from "@/lib/env";
import { QUEUES } from "@/lib/queue/names";
import { closeQueues, getQueue } from "@/lib/queue/queues";
import { closeRedis } from "@/lib/redis";
import { startReconcileWorker } from "@/workers/reconcile";
import type { Runnable } from "@/workers/types";
import { startFakeBybit, type FakeBybit } from "../fakes/bybit";
import { addLiveAccount, makeUser } from "../helpers/accounts";

let fake: FakeBybit;
let worker: Runnable | null = null;

beforeAll(async () => {
  fake = await startFakeBybit({ price: 60_000 });
  (env as { BYBIT_API_URL?: string }).BYBIT_API_URL = fake.url;
  (env as { BYBIT_PRIVATE_WS_URL?: string }).BYBIT_PRIVATE_WS_URL = fake.wsUrl;
  // Live accounts other files left behind point at fake exchanges that are gone: this worker watches only ours.
  await db.update(exchangeAccounts).set({ status: "disabled" }).where(ne(exchangeAccounts.exchange, "paper"));
  await getQueue(QUEUES.reconcile).obliterate({ force: true });
});

afterAll(async () => {
  await worker?.close();
  await fake.close();
  await closeQueues();
  await closeDb();
  await closeRedis();
});

describe("reconcile worker", () => {
  it("reconciles at start, keeps a private stream, and follows the owner's trade within seconds", async () => {
    const u = await makeUser("recon");
    const apiKey = `RECONKEY${process.pid}`.padEnd(18, "0");
    fake.state.keys.set(apiKey, { secret: "recon-secret", balance: 20_000 });
    const accountId = await addLiveAccount(u.id, { apiKey, apiSecret: "recon-secret" });
    await db
      .update(tradingSettings)
      .set({ exchangeAccountId: accountId, autoTrade: true })
      .where(eq(tradingSettings.userId, u.id));
    worker = await startReconcileWorker();
    // Startup reconciliation: the account's balance is read back before anything else happens.
    await expect
      .poll(
        async () =>
          (await db.select().from(accountSync).where(eq(accountSync.exchangeAccountId, accountId)))[0]
            ?.equity,
        {
          timeout: 15_000,
          interval: 200,
        },
      )
      .toBe(20_000);
    // The private stream is open (authenticated with the account's key)…
    await expect
      .poll(() => fake.streamConnections(), { timeout: 15_000, interval: 200 })
      .toBeGreaterThanOrEqual(1);
    // …so a trade the owner makes by hand lands in the ledger within seconds.
    const started = Date.now();
    fake.manualOrder(apiKey, { symbol: "BTCUSDT", side: "Buy", qty: 0.03 });
    await expect
      .poll(
        async () => (await db.select().from(fills).where(eq(fills.exchangeAccountId, accountId))).length,
        {
          timeout: 10_000,
          interval: 100,
        },
      )
      .toBe(1);
    const took = Date.now() - started;
    expect(took).toBeLessThan(5_000);
    const [pos] = await db
      .select()
      .from(positions)
      .where(and(eq(positions.exchangeAccountId, accountId), eq(positions.status, "open")));
    expect(pos).toMatchObject({ side: "long", qty: 0.03, origin: "foreign" });
    console.log(`owner's trade in the ledger ${took} ms after it was made`);
    // The stream follows orders, executions and positions: a leverage change the owner makes on the exchange is
    // read back within seconds too (the periodic pass of an account with something open comes every 30 s).
    expect(fake.streamTopics(apiKey)).toEqual(expect.arrayContaining(["order", "execution", "position"]));
    const changed = Date.now();
    fake.ownerSetsLeverage(apiKey, "BTCUSDT", 7);
    await expect
      .poll(
        async () =>
          (await db.select().from(accountSync).where(eq(accountSync.exchangeAccountId, accountId)))[0]
            ?.leverage,
        { timeout: 10_000, interval: 100 },
      )
      .toBe(7);
    expect(Date.now() - changed).toBeLessThan(5_000);
  }, 60_000);
});
