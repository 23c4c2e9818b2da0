// Benchmark: admin user search, user detail, status read and a /api/metrics scrape against a database with
// many users, orders and decisions. Run: npx tsx --conditions=react-server bench/admin-console.ts [users]
// Uses its own throwaway database and Redis prefix (dropped at the end).
import { performance } from "node:perf_hooks";
import { createTestEnv, destroyTestEnv } from "../tests/setup/test-env";

const USERS = Number(process.argv[2] ?? 10_000);
const ORDERS_PER_USER = 5;
const DECISIONS = 3_000;

async function time<T>(label: string, runs: number, fn: () => Promise<T>) {
  await fn(); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const p = (q: number) => ms[Math.min(ms.length - 1, Math.ceil(q * ms.length) - 1)]!.toFixed(1);
  console.log(`${label.padEnd(40)} p50 ${p(0.5)} ms   p95 ${p(0.95)} ms   (${runs} runs)`);
}

async function main() {
  const testEnv = await createTestEnv("bench");
  Object.assign(process.env, testEnv, {
    LOG_LEVEL: "silent",
    METRICS_TOKEN: "bench-metrics-token-0123456789",
  });
  const { db, closeDb } = await import("@/db");
  const { users, orders, decisions, tradingSettings } = await import("@/db/schema");
  const { searchUsers, getUserDetail } = await import("@/lib/admin/users");
  const { systemStatus } = await import("@/lib/admin/status");
  const { closeQueues } = await import("@/lib/queue/queues");
  const { GET } = await import("@/app/api/metrics/route");
  const { closeRedis } = await import("@/lib/redis");
  try {
    console.log(`seeding ${USERS} users, ${USERS * ORDERS_PER_USER} orders, ${DECISIONS} decisions…`);
    const now = Date.now();
    for (let i = 0; i < USERS; i += 1000) {
      const batch = Array.from({ length: Math.min(1000, USERS - i) }, (_, k) => ({
        email: `bench${i + k}@example.com`,
        passwordHash: "x",
      }));
      await db.insert(users).values(batch);
    }
    const ids = (await db.select({ id: users.id }).from(users)).map((r) => r.id);
    for (let i = 0; i < ids.length; i += 1000) {
      const slice = ids.slice(i, i + 1000);
      await db.insert(tradingSettings).values(slice.map((userId, k) => ({ userId, autoTrade: k % 2 === 0 })));
      await db.insert(orders).values(
        slice.flatMap((userId) =>
          Array.from({ length: ORDERS_PER_USER }, (_, n) => ({
            userId,
            symbol: "BTCUSDT",
            clientOrderId: `b${userId}-${n}`,
            status: (n % 2 ? "filled" : "skipped") as "filled" | "skipped",
            realizedPnl: n - 2,
          })),
        ),
      );
    }
    for (let i = 0; i < DECISIONS; i += 1000) {
      await db.insert(decisions).values(
        Array.from({ length: 1000 }, (_, k) => ({
          symbol: "BTCUSDT",
          tickTime: new Date(now - (i + k) * 60_000),
          groupKey: "g",
          riskLevel: "medium" as const,
          provider: "openai",
          model: "gpt-4o-mini",
          action: "hold" as const,
          reason: "r",
          status: "ok" as const,
          promptTokens: 1000,
          completionTokens: 100,
          latencyMs: 500 + (k % 1000),
          createdAt: new Date(now - (i + k) * 60_000),
        })),
      );
    }
    const mid = ids[Math.floor(ids.length / 2)]!;
    await time("searchUsers (page 1, no filter)", 30, () => searchUsers(undefined, 1));
    await time("searchUsers (?q=bench42)", 30, () => searchUsers("bench42", 1));
    await time("searchUsers (page 200)", 30, () => searchUsers(undefined, 200));
    await time("getUserDetail", 30, () => getUserDetail(mid));
    await time("systemStatus (status page)", 30, () => systemStatus());
    const req = () =>
      GET(
        new Request("http://x/api/metrics", {
          headers: { authorization: "Bearer bench-metrics-token-0123456789" },
        }),
      );
    await time("GET /api/metrics (full scrape)", 30, async () => (await req()).text());
    const body = await (await req()).text();
    console.log(
      `metrics payload: ${body.length} bytes, ${body.split("\n").filter((l) => l && !l.startsWith("#")).length} samples`,
    );
  } finally {
    await closeQueues();
    await closeRedis();
    await closeDb();
    await destroyTestEnv(testEnv);
  }
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
