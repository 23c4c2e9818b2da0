// One tick with many decision groups (issue #11): G groups (the default one with U users, the others one custom-
// prompt user each) against a local OpenAI-compatible fake answering in --delay ms, with the shipped
// DECISION_CONCURRENCY unless --concurrency is given. Reports the tick's wall time, the default group's lag
// (boundary → decision stored) and how long after its decision the default group's first order was filled by
// a real execute worker process, while the other groups are still being decided.
// Run: npx tsx --conditions=react-server bench/decide-tick.ts [--groups 1000] [--delay 1500] [--users 100]
//      [--concurrency N]
import { cpus } from "node:os";
import { parseArgs } from "node:util";
import { createTestEnv, destroyTestEnv } from "../tests/setup/test-env";
import { startFakeOpenAI } from "../tests/fakes/openai";
import { percentile, startWorker, stopWorker } from "./fanout-helpers";

const { values: args } = parseArgs({
  options: {
    groups: { type: "string", default: "1000" },
    delay: { type: "string", default: "1500" },
    users: { type: "string", default: "100" },
    concurrency: { type: "string" },
  },
});
const GROUPS = Number(args.groups);
const DELAY = Number(args.delay);
const USERS = Number(args.users);

async function main(): Promise<void> {
  const testEnv = await createTestEnv("decidetick");
  const fake = await startFakeOpenAI();
  fake.fallback = { kind: "valid", delayMs: DELAY };
  Object.assign(process.env, testEnv, {
    OPENAI_API_KEY: "sk-bench-not-real",
    OPENAI_BASE_URL: fake.url,
    OPENAI_TIMEOUT_MS: "20000",
    LOG_LEVEL: "silent",
    ...(args.concurrency ? { DECISION_CONCURRENCY: args.concurrency } : {}),
  });
  const { env } = await import("@/lib/env");
  const { db, closeDb } = await import("@/db");
  const { decisions, orders } = await import("@/db/schema");
  const { and, asc, eq, inArray } = await import("drizzle-orm");
  const { runTick } = await import("@/lib/decision/run-tick");
  const { closeQueues } = await import("@/lib/queue/queues");
  const { closeRedis } = await import("@/lib/redis");
  const { createTraders } = await import("../tests/helpers/traders");
  const { storeCandlesForTick } = await import("../tests/helpers/market");
  const worker = await startWorker({ ...testEnv, WORKER_ROLES: "execute" });
  try {
    process.stderr.write(`› creating ${USERS} default-group users and ${GROUPS - 1} custom groups\n`);
    const defaultUsers = await createTraders(USERS, { riskLevel: "medium", minConfidence: 0 });
    for (let i = 1; i < GROUPS; i++)
      await createTraders(1, { riskLevel: "medium", customPrompt: `Preference ${i}: trade with the trend.` });
    // The tick starts now (not on a boundary: the bench measures the loop, not the wait for the clock).
    const tickTime = new Date(Date.now() + 200);
    await storeCandlesForTick("BTCUSDT", tickTime.getTime());
    await new Promise((r) => setTimeout(r, Math.max(0, tickTime.getTime() - Date.now())));
    process.stderr.write(`› tick: ${GROUPS} groups, provider answers in ${DELAY} ms\n`);
    const started = performance.now();
    const summary = await runTick("BTCUSDT", tickTime);
    const wallMs = performance.now() - started;
    const def = (await db.query.decisions.findFirst({
      where: and(eq(decisions.tickTime, tickTime), eq(decisions.groupKey, (await firstGroupKey())!)),
    }))!;
    async function firstGroupKey() {
      const [row] = await db
        .select({ key: decisions.groupKey })
        .from(decisions)
        .where(eq(decisions.tickTime, tickTime))
        .orderBy(asc(decisions.id))
        .limit(1);
      return row?.key;
    }
    // The default group's orders: wait for all of them, then take the first fill.
    const deadline = Date.now() + 120_000;
    let filled: Array<{ updatedAt: Date; status: string }> = [];
    while (Date.now() < deadline) {
      filled = await db
        .select({ updatedAt: orders.updatedAt, status: orders.status })
        .from(orders)
        .where(and(eq(orders.decisionId, def.id), inArray(orders.userId, defaultUsers)));
      if (filled.filter((o) => o.status !== "pending").length >= USERS) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const after = filled.map((o) => o.updatedAt.getTime() - def.createdAt.getTime()).sort((a, b) => a - b);
    const result = {
      groups: summary.decisions,
      providerCalls: summary.providerCalls,
      concurrency: env.DECISION_CONCURRENCY,
      providerDelayMs: DELAY,
      tickWallS: +(wallMs / 1000).toFixed(2),
      defaultDecisionLagMs: def.lagMs,
      slowestGroupLagS: +((summary.maxLagMs ?? 0) / 1000).toFixed(2),
      defaultAction: def.action,
      defaultFirstOrderAfterDecisionMs: after[0] ?? null,
      defaultAllOrdersAfterDecisionMs: after.at(-1) ?? null,
      defaultOrdersFilled: filled.filter((o) => o.status === "filled").length,
      defaultOrdersP50Ms: percentile(after, 50),
      cpus: cpus().length,
      at: new Date().toISOString(),
    };
    console.log(JSON.stringify(result, null, 2));
    console.log(
      `\n| groups | concurrency | provider answer | tick wall time | default decision lag | default first order after decision | all ${USERS} default orders after |` +
        `\n|---:|---:|---:|---:|---:|---:|---:|` +
        `\n| ${result.groups} | ${result.concurrency} | ${DELAY} ms | ${result.tickWallS} s | ${result.defaultDecisionLagMs} ms | ${result.defaultFirstOrderAfterDecisionMs} ms | ${result.defaultAllOrdersAfterDecisionMs} ms |`,
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
