// Decision lag on a running stack (issue #11): a real worker process (feed + decide + execute + paper roles)
// with the replay feed at real speed and the built-in provider; every tick's lag — boundary → decision stored —
// over --minutes, and where ticks fired relative to their boundary. Minute boundaries wait for the feed to
// write the candle that closed there, so they are the slow ones.
// Run: npx tsx --conditions=react-server bench/decision-lag.ts [--minutes 5] [--interval 10]
import { parseArgs } from "node:util";
import { createTestEnv, destroyTestEnv } from "../tests/setup/test-env";
import { percentile, startWorker, stopWorker } from "./fanout-helpers";

const { values: args } = parseArgs({
  options: { minutes: { type: "string", default: "5" }, interval: { type: "string", default: "10" } },
});
const MINUTES = Number(args.minutes);
const INTERVAL_S = Number(args.interval);

async function main(): Promise<void> {
  const testEnv = await createTestEnv("decisionlag");
  Object.assign(process.env, testEnv, { LOG_LEVEL: "silent", DECISION_PROVIDER: "builtin" });
  const { db, closeDb } = await import("@/db");
  const { decisions } = await import("@/db/schema");
  const { gte } = await import("drizzle-orm");
  const worker = await startWorker({
    ...testEnv,
    WORKER_ROLES: "feed,decide,execute,paper",
    DECISION_PROVIDER: "builtin",
    TICK_INTERVAL_SECONDS: String(INTERVAL_S),
    REPLAY_SPEED: "1",
  });
  const from = new Date();
  try {
    process.stderr.write(`› measuring ${MINUTES} min of ${INTERVAL_S} s ticks\n`);
    await new Promise((r) => setTimeout(r, MINUTES * 60_000 + 2_000));
    const rows = await db
      .select({ tick: decisions.tickTime, lag: decisions.lagMs, status: decisions.status })
      .from(decisions)
      .where(gte(decisions.tickTime, from));
    const lags = rows.map((r) => r.lag ?? NaN).sort((a, b) => a - b);
    const onMinute = rows.filter((r) => r.tick.getTime() % 60_000 === 0).map((r) => r.lag!);
    const aligned = rows.every((r) => r.tick.getTime() % (INTERVAL_S * 1000) === 0);
    const result = {
      ticks: rows.length,
      expected: Math.floor((MINUTES * 60) / INTERVAL_S),
      allOnBoundaries: aligned,
      stale: rows.filter((r) => r.status !== "ok").length,
      p50Ms: percentile(lags, 50),
      p99Ms: percentile(lags, 99),
      maxMs: lags.at(-1),
      minuteBoundaryMaxMs: Math.max(...onMinute),
      at: new Date().toISOString(),
    };
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await stopWorker(worker);
    await closeDb();
    await destroyTestEnv(testEnv);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
