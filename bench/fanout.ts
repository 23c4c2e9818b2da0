// Fan-out benchmark (issue #5): N users with auto-trade on, paper exchange with PAPER_LATENCY_MS per call.
// For each N: provider calls of one real tick, then one buy decision fanned out to N users and executed by real
// worker processes (makespan, per-user p50/p99, duplicates, losses), a naive sequential loop on a sample, and
// the floor (N durable MySQL inserts at the same concurrency).
// Every size runs once per configuration of the worker (jobs in flight × MySQL connections per process), the
// shipped defaults first, so a tuned figure is always printed beside what a fresh install does.
// Run: npx tsx --conditions=react-server bench/fanout.ts [--users 1000,10000] [--workers 1]
//      [--configs shipped,3000x40] [--latency 100] [--seq-sample 100]
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";
import type { ChildProcess } from "node:child_process";
import { DATABASE_POOL_SIZE_DEFAULT, EXECUTE_CONCURRENCY_DEFAULT } from "@/lib/env-schema";
import { createTestEnv, destroyTestEnv } from "../tests/setup/test-env";
import { startFakeOpenAI } from "../tests/fakes/openai";
import {
  cpuSeconds,
  insertFloor,
  machineCpuSeconds,
  percentile,
  startWorker,
  stopWorker,
} from "./fanout-helpers";

const { values: args } = parseArgs({
  options: {
    users: { type: "string", default: "1000,10000" },
    workers: { type: "string", default: "1" },
    configs: { type: "string", default: "shipped,3000x40" },
    latency: { type: "string", default: "100" },
    "seq-sample": { type: "string", default: "100" },
  },
});
const SIZES = args.users.split(",").map(Number);
const K = Number(args.workers);
// "shipped" or `<EXECUTE_CONCURRENCY>x<DATABASE_POOL_SIZE>`.
const CONFIGS = args.configs.split(",").map((c) => {
  if (c === "shipped")
    return { name: "shipped", concurrency: EXECUTE_CONCURRENCY_DEFAULT, pool: DATABASE_POOL_SIZE_DEFAULT };
  const [concurrency, pool] = c.split("x").map(Number);
  if (!concurrency || !pool) throw new Error(`--configs: "${c}" is not shipped or <concurrency>x<pool>`);
  return { name: "tuned", concurrency, pool };
});
const LATENCY = Number(args.latency);
const SEQ_SAMPLE = Number(args["seq-sample"]);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const testEnv = await createTestEnv("fanout");
  // The decision comes from the real openai client talking to a local OpenAI-compatible fake (answers buy).
  const fake = await startFakeOpenAI();
  Object.assign(process.env, testEnv, {
    OPENAI_API_KEY: "sk-bench-not-real",
    OPENAI_BASE_URL: fake.url,
    LOG_LEVEL: "silent",
    PAPER_LATENCY_MS: String(LATENCY),
    DATABASE_POOL_SIZE: "20",
  });
  const { db, closeDb, pool } = await import("@/db");
  const { decisions, orders, paperOrders } = await import("@/db/schema");
  const { and, eq, like, sql } = await import("drizzle-orm");
  const { runTick } = await import("@/lib/decision/run-tick");
  const { executeForUser } = await import("@/lib/execution/execute");
  const { adapterForAccount } = await import("@/lib/exchange/get-adapter");
  const { encodeCandle, seriesKey } = await import("@/lib/market/series");
  const { closeQueues } = await import("@/lib/queue/queues");
  const { closeRedis, redis } = await import("@/lib/redis");
  const { setSystemSetting } = await import("@/lib/system/settings");
  const { createTraders, disableAllTraders } = await import("../tests/helpers/traders");
  const { makeDecision } = await import("../tests/helpers/decisions");

  // Count the statements this process sends (the sequential loop runs here): every query and execute.
  const statementCount = { n: 0 };
  const require = createRequire(import.meta.url);
  const Base = require(require.resolve("mysql2").replace(/index\.js$/, "lib/base/connection.js")) as {
    prototype: Record<"query" | "execute", (...a: unknown[]) => unknown>;
  };
  for (const m of ["query", "execute"] as const) {
    const original = Base.prototype[m];
    Base.prototype[m] = function (this: unknown, ...a: unknown[]) {
      statementCount.n++;
      if (process.env.BENCH_TRACE) {
        const q = a[0] as string | { sql: string };
        process.stderr.write(`SQL ${(typeof q === "string" ? q : q.sql).slice(0, 110)}\n`);
      }
      return original.apply(this, a);
    };
  }
  const workers: ChildProcess[] = [];
  const results: Record<string, unknown>[] = [];
  try {
    // Two hours of 1m candles around 50,000 up to the forming one at the tick (the tick waits for the candle that
    // closed at its boundary; the strategy reads closed candles; fills use the latest close). Written again before
    // every tick, at the current minute, so later configurations neither tick late nor fill at a stale price.
    let lastTick = 0;
    const seedForTick = async (): Promise<number> => {
      let now = Math.floor(Date.now() / 60_000) * 60_000;
      if (now <= lastTick) {
        await sleep(lastTick + 60_000 - Date.now() + 50);
        now = lastTick + 60_000;
      }
      lastTick = now;
      const pipe = redis().pipeline();
      for (let i = 120; i >= 0; i--) {
        const t = now - i * 60_000;
        const c = 50_000 + Math.round(Math.sin(i / 7) * 150);
        pipe.zadd(seriesKey("BTCUSDT"), t, encodeCandle({ t, o: c, h: c + 20, l: c - 20, c, v: 1 }));
      }
      await pipe.exec();
      return now;
    };

    // Server-wide counters (MySQL statements, Redis commands); other clients of the servers add a little.
    const serverCounters = async () => {
      const [rows] = (await pool.query("SHOW GLOBAL STATUS LIKE 'Questions'")) as unknown as [
        Array<{ Value: string }>,
      ];
      const info = await redis().info("stats");
      return {
        mysql: Number(rows[0]?.Value ?? 0),
        redis: Number(/total_commands_processed:(\d+)/.exec(info)?.[1] ?? 0),
      };
    };
    const seqByUsers = new Map<number, { users: number; ms: number; stmtsPerJob: number }>();
    for (const cfg of CONFIGS) {
      const workerEnv = {
        ...testEnv,
        WORKER_ROLES: "execute",
        PAPER_LATENCY_MS: String(LATENCY),
        EXECUTE_CONCURRENCY: String(cfg.concurrency),
        DATABASE_POOL_SIZE: String(cfg.pool),
      };
      process.stderr.write(
        `› configuration ${cfg.name}: ${cfg.concurrency} jobs × ${cfg.pool} connections\n`,
      );
      for (let i = 0; i < K; i++) workers.push(await startWorker(workerEnv));
      const groups = workers.map((w) => w.pid!);
      await sleep(1000);

      for (const n of SIZES) {
        process.stderr.write(`› ${n} users: creating traders\n`);
        await disableAllTraders();
        const userIds = await createTraders(n);

        // 1+2. One real tick (decide → decision row → fan-out) executed by the worker processes.
        process.stderr.write(`› ${n} users: tick + fan-out\n`);
        await setSystemSetting("provider", "openai", null);
        const load = loadavg();
        const cpu0 = { workers: cpuSeconds(groups), db: cpuSeconds([], ["mariadbd", "mysqld"]) };
        const cpu0redis = cpuSeconds([], ["redis-server"]);
        const machine0 = machineCpuSeconds();
        const callsBefore = fake.calls.length;
        const q0 = await serverCounters();
        const tickTime = new Date(await seedForTick());
        const enqueueStart = performance.now();
        const tick = await runTick("BTCUSDT", tickTime);
        const enqueueMs = performance.now() - enqueueStart;
        const fakeCalls = fake.calls.length - callsBefore;
        const d = (await db.query.decisions.findFirst({
          where: and(eq(decisions.symbol, "BTCUSDT"), eq(decisions.tickTime, tickTime)),
        }))!;
        if (d.action !== "buy" || tick.enqueued !== n)
          throw new Error(`unexpected tick: ${JSON.stringify(tick)}`);
        const finals = async () => {
          const [row] = await db
            .select({ n: sql<number>`COUNT(*)` })
            .from(orders)
            .where(and(eq(orders.decisionId, d.id), sql`${orders.status} <> 'pending'`));
          return Number(row?.n ?? 0);
        };
        const deadline = Date.now() + 15 * 60_000;
        while ((await finals()) < n && Date.now() < deadline) await sleep(50);
        const q1 = await serverCounters();
        const cpu = {
          workers: cpuSeconds(groups) - cpu0.workers,
          db: cpuSeconds([], ["mariadbd", "mysqld"]) - cpu0.db,
          redis: cpuSeconds([], ["redis-server"]) - cpu0redis,
        };
        const machine1 = machineCpuSeconds();
        const rows = await db
          .select({ userId: orders.userId, status: orders.status, updatedAt: orders.updatedAt })
          .from(orders)
          .where(eq(orders.decisionId, d.id));
        const final = rows.filter((r) => r.status !== "pending");
        const lat = final.map((r) => r.updatedAt.getTime() - d.createdAt.getTime()).sort((a, b) => a - b);
        const makespan = lat.at(-1) ?? NaN;
        const [dupRows] = await db
          .select({ n: sql<number>`COUNT(*) - COUNT(DISTINCT ${orders.userId})` })
          .from(orders)
          .where(eq(orders.decisionId, d.id));
        const [dupPaper] = await db
          .select({ n: sql<number>`COUNT(*) - COUNT(DISTINCT ${paperOrders.exchangeAccountId})` })
          .from(paperOrders)
          .where(like(paperOrders.clientOrderId, `tp-${d.id.toString(36)}-%`));
        const filled = final.filter((r) => r.status === "filled").length;
        const finalUsers = new Set(final.map((r) => r.userId));
        const losses = userIds.filter((u) => !finalUsers.has(u)).length;

        // 3. Naive sequential loop: one user after another, in this process, same latency, on a sample of
        // fresh users with the same spec (the fanned-out users already hold the position this buy would open).
        // It does not depend on the worker's configuration: measured once per size.
        let seq = seqByUsers.get(n);
        if (!seq) {
          process.stderr.write(`› ${n} users: sequential sample of ${SEQ_SAMPLE}\n`);
          await disableAllTraders();
          const sample = await createTraders(Math.min(SEQ_SAMPLE, n));
          const seqDecision = await makeDecision({ action: "buy", groupKey: `bench-seq-${n}` });
          const stmts0 = statementCount.n;
          const seqStart = performance.now();
          for (const u of sample) await executeForUser(seqDecision.id, u, { adapterFor: adapterForAccount });
          seq = {
            users: sample.length,
            ms: performance.now() - seqStart,
            stmtsPerJob: (statementCount.n - stmts0) / sample.length,
          };
          seqByUsers.set(n, seq);
        }
        const seqSampleMs = seq.ms;
        const stmtsPerJob = seq.stmtsPerJob;
        const seqPerUser = seqSampleMs / seq.users;
        const sample = { length: seq.users };

        const seqMs = seqPerUser * n;
        const r = {
          config: cfg.name,
          executeConcurrency: cfg.concurrency,
          databasePoolSize: cfg.pool,
          users: n,
          providerCalls: tick.providerCalls,
          providerRequestsSeen: fakeCalls,
          tickMs: Math.round(enqueueMs),
          decisionGroups: tick.decisions,
          makespanMs: makespan,
          p50Ms: percentile(lat, 50),
          p99Ms: percentile(lat, 99),
          filled,
          otherFinal: final.length - filled,
          duplicates: Number(dupRows?.n ?? 0) + Number(dupPaper?.n ?? 0),
          losses,
          sequentialSampleUsers: sample.length,
          sequentialSampleMs: Math.round(seqSampleMs),
          sequentialPerUserMs: Math.round(seqPerUser),
          sequentialMs: Math.round(seqMs),
          sequentialExtrapolated: sample.length < n,
          floorMs: NaN,
          makespanOverFloor: NaN,
          sequentialOverMakespan: +(seqMs / makespan).toFixed(1),
          cpuSecondsDuringFanOut: {
            workers: +cpu.workers.toFixed(1),
            mariadb: +cpu.db.toFixed(1),
            redis: +cpu.redis.toFixed(1),
            machineBusy: +(machine1.busy - machine0.busy).toFixed(1),
            stolen: +(machine1.steal - machine0.steal).toFixed(1),
          },
          mysqlStatementsPerUser: +((q1.mysql - q0.mysql) / n).toFixed(1),
          mysqlStatementsPerJobCounted: +stmtsPerJob.toFixed(1),
          redisCommandsPerUser: +((q1.redis - q0.redis) / n).toFixed(1),
          loadAvgBefore: load.map((x) => +x.toFixed(2)),
        };
        results.push(r);
        process.stderr.write(`${JSON.stringify(r)}\n`);
      }
      await Promise.all(workers.map(stopWorker));
      workers.length = 0;
    }
    // 4. Floor: N durable inserts at the workers' concurrency over the workers' connection count (run with
    // the workers stopped, so their idle connections do not count against max_connections).
    for (const r of results) {
      const n = r.users as number;
      process.stderr.write(`› ${n} users: floor (${r.config})\n`);
      const c = r.executeConcurrency as number;
      const floorMs = await insertFloor(testEnv.DATABASE_URL, n, K * c, K * (r.databasePoolSize as number));
      r.floorMs = Math.round(floorMs);
      r.makespanOverFloor = +((r.makespanMs as number) / floorMs).toFixed(2);
    }
  } finally {
    await Promise.all(workers.map(stopWorker));
    await closeQueues();
    await closeRedis();
    await closeDb();
    await destroyTestEnv(testEnv);
    await fake.close();
  }

  const config = {
    workers: K,
    configs: CONFIGS,
    paperLatencyMs: LATENCY,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    at: new Date().toISOString(),
  };
  printTable(config, results);
  mkdirSync("bench/results", { recursive: true });
  const file = `bench/results/fanout-${config.at.replace(/[:.]/g, "-")}.json`;
  writeFileSync(file, JSON.stringify({ config, results }, null, 2));
  console.log(`\nJSON: ${file}`);
}

function printTable(config: Record<string, unknown>, results: Record<string, unknown>[]): void {
  const s = (ms: unknown) => `${(Number(ms) / 1000).toFixed(2)} s`;
  console.log(
    `\nFan-out benchmark — ${config.workers} worker process(es), paper latency ${config.paperLatencyMs} ms/call, ` +
      `${config.cpus} × ${config.cpuModel}; configuration = EXECUTE_CONCURRENCY × DATABASE_POOL_SIZE per process\n`,
  );
  console.log(
    "| configuration | users | provider calls | makespan | p50 | p99 | filled | dups | losses | sequential | floor | makespan/floor | sequential/makespan | CPU s workers/db/redis (machine; stolen) | MySQL stmts/job (counted) | MySQL stmts/user (server) | Redis cmds/user (server) | load before |",
  );
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---|");
  for (const r of results) {
    const cpu = r.cpuSecondsDuringFanOut as Record<string, number>;
    const seq = r.sequentialExtrapolated
      ? `${s(r.sequentialMs)} (extrapolated from ${r.sequentialSampleUsers} users: ${r.sequentialPerUserMs} ms/user)`
      : s(r.sequentialMs);
    console.log(
      `| ${r.config} ${r.executeConcurrency} × ${r.databasePoolSize} | ${r.users} | ${r.providerCalls} | ${s(r.makespanMs)} | ${r.p50Ms} ms | ${r.p99Ms} ms | ${r.filled} | ${r.duplicates} | ${r.losses} | ${seq} | ${s(r.floorMs)} | ${r.makespanOverFloor}× | ${r.sequentialOverMakespan}× | ${cpu.workers}/${cpu.mariadb}/${cpu.redis} (${cpu.machineBusy}; ${cpu.stolen}) | ${r.mysqlStatementsPerJobCounted} | ${r.mysqlStatementsPerUser} | ${r.redisCommandsPerUser} | ${(r.loadAvgBefore as number[]).join(", ")} |`,
    );
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
