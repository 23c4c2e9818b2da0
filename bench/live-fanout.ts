// Live fan-out under the exchange's rate limits (issue #14): N users with live Bybit accounts (the local fake,
// enforcing Bybit's published limits: 600 REST requests per 5 s per IP, 10 orders per second per account), one
// buy decision fanned out and executed by a real worker process with the shipped settings. Reports the makespan,
// REST calls per user, the exchange's rate-limit answers (goal 0: the shared buckets keep under the limit),
// duplicates (goal 0) and rows not filled. The first run after a worker start includes each account's startup
// reconciliation; a second decision right after shows the steady state.
// Run: npx tsx --conditions=react-server bench/live-fanout.ts [--users 1000]
import { parseArgs } from "node:util";
import { createTestEnv, destroyTestEnv } from "../tests/setup/test-env";
import { startFakeBybit } from "../tests/fakes/bybit";
import { startWorker, stopWorker } from "./fanout-helpers";

const { values: args } = parseArgs({ options: { users: { type: "string", default: "1000" } } });
const USERS = Number(args.users);

async function main(): Promise<void> {
  const testEnv = await createTestEnv("livefanout");
  const fake = await startFakeBybit({ price: 50_000 });
  fake.state.rateLimit = { perIp: 600, windowMs: 5_000, ordersPerSecondPerKey: 10 };
  Object.assign(process.env, testEnv, { LOG_LEVEL: "silent", BYBIT_API_URL: fake.url });
  const { db, closeDb } = await import("@/db");
  const { orders, tradingSettings } = await import("@/db/schema");
  const { eq, sql } = await import("drizzle-orm");
  const { fanOut } = await import("@/lib/decision/fan-out");
  const { closeQueues } = await import("@/lib/queue/queues");
  const { closeRedis } = await import("@/lib/redis");
  const { createTraders } = await import("../tests/helpers/traders");
  const { addLiveAccount, writeCandle } = await import("../tests/helpers/accounts");
  const { makeDecision } = await import("../tests/helpers/decisions");
  const worker = await startWorker({ ...testEnv, WORKER_ROLES: "execute", BYBIT_API_URL: fake.url });
  try {
    await writeCandle("BTCUSDT", { t: Date.UTC(2030, 0, 1), c: 50_000 });
    process.stderr.write(`› ${USERS} live users\n`);
    const ids = await createTraders(USERS, { plan: "elite", minConfidence: 0 });
    for (const [i, userId] of ids.entries()) {
      const apiKey = `BENCHKEY${String(i).padStart(8, "0")}`;
      fake.state.keys.set(apiKey, { secret: `bench-secret-${i}`, balance: 10_000 });
      const accountId = await addLiveAccount(userId, { apiKey, apiSecret: `bench-secret-${i}` });
      await db
        .update(tradingSettings)
        .set({ exchangeAccountId: accountId })
        .where(eq(tradingSettings.userId, userId));
    }
    const run = async (label: string, action: "buy" | "sell") => {
      const d = await makeDecision({
        action,
        stopLoss: 0.01,
        takeProfit: 0.02,
        leverage: 3,
        groupKey: `bench-${label}`,
      });
      const requests0 = fake.state.requests.length;
      const limited0 = fake.state.rateLimited;
      const placed0 = fake.state.ordersPlaced;
      const start = Date.now();
      await fanOut(d, ids);
      for (;;) {
        const [row] = await db
          .select({ n: sql<number>`COUNT(*)` })
          .from(orders)
          .where(sql`${orders.decisionId} = ${d.id} AND ${orders.status} <> 'pending'`);
        if (Number(row?.n ?? 0) >= USERS) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      const makespan = Date.now() - start;
      const rows = await db.select({ status: orders.status }).from(orders).where(eq(orders.decisionId, d.id));
      const links = [...fake.state.orders.values()].filter((o) =>
        o.orderLinkId.startsWith(`tp-${d.id.toString(36)}-`),
      );
      const result = {
        run: label,
        users: USERS,
        makespanS: +(makespan / 1000).toFixed(1),
        restCallsPerUser: +((fake.state.requests.length - requests0) / USERS).toFixed(1),
        requestsPerSecond: +((fake.state.requests.length - requests0) / (makespan / 1000)).toFixed(0),
        rateLimitAnswers: fake.state.rateLimited - limited0,
        ordersPlaced: fake.state.ordersPlaced - placed0,
        duplicates: links.length - new Set(links.map((o) => o.orderLinkId)).size,
        notFilled: rows.filter((r) => r.status !== "filled").length,
      };
      console.log(JSON.stringify(result));
      return result;
    };
    const first = await run("first-after-start", "buy");
    const steady = await run("steady", "sell");
    console.log(
      `\n| run | users | makespan | REST calls / user | requests / s | rate-limit answers | duplicates | not filled |\n|---|---:|---:|---:|---:|---:|---:|---:|` +
        [first, steady]
          .map(
            (r) =>
              `\n| ${r.run} | ${r.users} | ${r.makespanS} s | ${r.restCallsPerUser} | ${r.requestsPerSecond} | ${r.rateLimitAnswers} | ${r.duplicates} | ${r.notFilled} |`,
          )
          .join(""),
    );
  } finally {
    await stopWorker(worker);
    await closeQueues();
    await closeRedis();
    await closeDb();
    await destroyTestEnv(testEnv);
    await fake.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
