// GET /api/metrics needs the bearer token; with it, Prometheus text with queue depths, latency, orders, feed lag,
// LLM tokens, reconcile lag, divergent live accounts and rate-limit waits — read from what is in Redis and MySQL.
// The status page reads the same sources, and lists the live accounts out of sync without any key material.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { closeDb, db } from "@/db";
import { accountSync, decisions, exchangeAccounts, orders } from "@/db/schema";
import { closeQueues } from "@/lib/queue/queues";
import { systemStatus } from "@/lib/admin/status";
import { registerUser } from "@/lib/auth/register";
import { closeRedis, redis, rkey } from "@/lib/redis";
import { addLiveAccount } from "../helpers/accounts";
import { uniqueEmail } from "../helpers/db";

vi.hoisted(() => {
  process.env.METRICS_TOKEN = "metrics-token-0123456789abcdef";
});

const { GET } = await import("@/app/api/metrics/route");

const get = (auth?: string) =>
  GET(new Request("http://localhost/api/metrics", { headers: auth ? { authorization: auth } : {} }));

beforeAll(async () => {
  // Counts below are exact: start from no orders and no decisions (files run one at a time on one database).
  await db.delete(orders);
  await db.delete(decisions);
  // The derived budget scales with the group count an earlier file's tick left behind: start from none.
  await redis().del(rkey("decide:groups:BTCUSDT"));
  const now = Date.now();
  await redis().hset(rkey("feed:replay:BTCUSDT:1m"), {
    source: "replay",
    leader: "worker-a",
    lastUpdate: String(now - 4000),
    lastCandleTime: String(now - 60_000),
  });
  await redis().hset(rkey("decide:state:BTCUSDT"), {
    failures: "3",
    safeMode: "1",
    safeSince: String(now),
    lastError: "LLM timed out",
  });
  const base = {
    symbol: "BTCUSDT",
    riskLevel: "medium" as const,
    provider: "openai",
    model: "gpt-4o-mini",
    reason: "r",
    status: "ok" as const,
  };
  const [d1] = await db
    .insert(decisions)
    .values([
      {
        ...base,
        tickTime: new Date(now - 600_000),
        groupKey: "g1",
        action: "buy",
        promptTokens: 1000,
        completionTokens: 200,
        costUsd: 0.01,
        latencyMs: 800,
        prompt: "P",
        rawResponse: "R",
      },
      {
        ...base,
        tickTime: new Date(now - 300_000),
        groupKey: "g1",
        action: "hold",
        promptTokens: 900,
        completionTokens: 100,
        costUsd: 0.02,
        latencyMs: 2400,
      },
    ])
    .$returningId();
  const email = uniqueEmail("m");
  const { id: userId } = await registerUser({ email, password: "longenough1" });
  live.email = email;
  await db.insert(orders).values([
    { userId, decisionId: d1!.id, symbol: "BTCUSDT", clientOrderId: "m-1", status: "filled" },
    { userId, symbol: "BTCUSDT", clientOrderId: "m-2", status: "skipped", kind: "none" },
    { userId, symbol: "BTCUSDT", clientOrderId: "m-3", status: "skipped", kind: "none" },
  ]);
});

// Live accounts: four reconcile passes (lags 100 ms … 4 s), the shared rate limiter's totals, and three live
// accounts — one diverging, one the exchange could not be read for, one in step.
const live = { email: "", diverging: 0, unreadable: 0 };
beforeAll(async () => {
  await db.delete(accountSync);
  await redis().del(rkey("reconcile:lags"));
  await redis().lpush(rkey("reconcile:lags"), "100", "200", "300", "4000");
  await redis().hset(rkey("rl:stats"), { waits: "12", waitedMs: "3500", rejections: "1" });
  const user = (await db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, live.email) }))!;
  const keys = { apiKey: "METRICSKEY00000000", apiSecret: "metrics-secret" };
  live.diverging = await addLiveAccount(user.id, keys, { label: "Bybit main" });
  live.unreadable = await addLiveAccount(user.id, keys, { label: "Bybit second" });
  const inStep = await addLiveAccount(user.id, keys, { label: "Bybit third" });
  const now = Date.now();
  await db.insert(accountSync).values([
    {
      exchangeAccountId: live.diverging,
      syncedAt: new Date(now - 5_000),
      divergence: "BTCUSDT: the exchange holds long 0.01 at 50,000, the ledger short 0.01 at 50,000.",
      divergedAt: new Date(now - 120_000),
    },
    {
      exchangeAccountId: live.unreadable,
      syncedAt: new Date(now - 600_000),
      lastError: "Bybit could not be reached",
      lastErrorAt: new Date(now - 30_000),
    },
    { exchangeAccountId: inStep, syncedAt: new Date(now - 1_000) },
  ]);
});

afterAll(async () => {
  // Leave no fake feed or decision state behind for the feed and decision tests that follow.
  await redis().del(rkey("feed:replay:BTCUSDT:1m"), rkey("decide:state:BTCUSDT"));
  await redis().del(rkey("reconcile:lags"), rkey("rl:stats"));
  await db.delete(accountSync);
  await closeQueues();
  await closeDb();
  await closeRedis();
});

describe("GET /api/metrics", () => {
  it("is 401 without a token and with a wrong one", async () => {
    expect((await get()).status).toBe(401);
    expect((await get("Bearer wrong-token-0123456789abcd")).status).toBe(401);
    expect((await get("Basic metrics-token-0123456789abcdef")).status).toBe(401);
    const res = await get();
    expect(res.headers.get("www-authenticate")).toMatch(/Bearer/);
    expect(await res.text()).not.toContain("tickpilot_");
  });

  it("serves Prometheus text with the token", async () => {
    const res = await get("Bearer metrics-token-0123456789abcdef");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/tickpilot_queue_jobs\{queue="execute",state="waiting",app="tickpilot"\} 0/);
    expect(text).toMatch(/tickpilot_orders_24h\{status="skipped",app="tickpilot"\} 2/);
    expect(text).toMatch(/tickpilot_orders_24h\{status="filled",app="tickpilot"\} 1/);
    expect(text).toMatch(/tickpilot_llm_tokens_today\{app="tickpilot"\} 2200/);
    // No admin setting, no DAILY_TOKEN_BUDGET: derived, 3 groups × 288 ticks × 1,200 tokens × 1.5 headroom.
    expect(text).toMatch(/tickpilot_llm_token_budget\{app="tickpilot"\} 1555200/);
    expect(text).toMatch(/tickpilot_llm_budget_used_ratio\{app="tickpilot"\} 0\.0014/);
    expect(text).toMatch(/tickpilot_llm_budget_warning\{app="tickpilot"\} 0/);
    expect(text).toMatch(/tickpilot_decision_latency_seconds\{quantile="1",app="tickpilot"\} 2\.4/);
    // Live accounts: reconcile lag quantiles, divergent accounts, the rate limiter's totals.
    expect(text).toMatch(/tickpilot_reconcile_lag_seconds\{quantile="0\.5",app="tickpilot"\} 0\.2\n/);
    expect(text).toMatch(/tickpilot_reconcile_lag_seconds\{quantile="0\.99",app="tickpilot"\} 4\n/);
    expect(text).toMatch(/tickpilot_accounts_divergent\{app="tickpilot"\} 1\n/);
    expect(text).toMatch(/# TYPE tickpilot_rate_limit_waits_total counter/);
    expect(text).toMatch(/tickpilot_rate_limit_waits_total\{app="tickpilot"\} 12\n/);
    expect(text).toMatch(/tickpilot_rate_limit_waited_seconds_total\{app="tickpilot"\} 3\.5\n/);
    expect(text).toMatch(/tickpilot_exchange_rate_limit_answers_total\{app="tickpilot"\} 1\n/);
    const lag =
      /tickpilot_feed_lag_seconds\{source="replay",symbol="BTCUSDT",app="tickpilot"\} ([\d.]+)/.exec(text);
    expect(Number(lag?.[1])).toBeGreaterThanOrEqual(4);
    expect(Number(lag?.[1])).toBeLessThan(60);
  });
});

describe("system status", () => {
  it("reports the feed leader and lag, the symbol's safe mode and last decision, and LLM spend", async () => {
    const s = await systemStatus();
    expect(s.feeds[0]).toMatchObject({ source: "replay", symbol: "BTCUSDT", leader: "worker-a" });
    expect(s.feeds[0]!.lagMs).toBeGreaterThanOrEqual(4000);
    expect(s.symbols[0]).toMatchObject({
      symbol: "BTCUSDT",
      safeMode: true,
      failures: 3,
      lastError: "LLM timed out",
      tokensToday: 2200,
    });
    expect(s.symbols[0]!.lastDecision).toMatchObject({ action: "hold", latencyMs: 2400, provider: "openai" });
    expect(s.spend).toMatchObject({ tokens: 2200, calls: 2, budget: 1555200, budgetSource: "derived" });
    expect(s.spend.costUsd).toBeCloseTo(0.03, 6);
  });

  it("lists the live accounts out of sync, longest first, with the reconcile and rate-limit figures", async () => {
    const s = await systemStatus();
    expect(s.reconcile).toEqual({ lagP50Ms: 200, lagP99Ms: 4000, passes: 4, divergent: 1 });
    expect(s.rateLimits).toEqual({ waits: 12, waitedMs: 3500, rejections: 1 });
    expect(s.outOfSync.total).toBe(2);
    expect(s.outOfSync.rows.map((r) => r.accountId)).toEqual([live.diverging, live.unreadable]);
    expect(s.outOfSync.rows[0]).toMatchObject({
      email: live.email,
      exchange: "bybit",
      label: "Bybit main",
      divergence: expect.stringMatching(/^BTCUSDT: the exchange holds long 0\.01/),
      lastError: null,
    });
    expect(s.outOfSync.rows[1]).toMatchObject({
      label: "Bybit second",
      divergence: null,
      lastError: "Bybit could not be reached",
    });
    // Scoped to the secret-free columns: no ciphertext (nor anything named like key material) in the read.
    const [stored] = await db
      .select({ enc: exchangeAccounts.apiKeyEnc })
      .from(exchangeAccounts)
      .where(eq(exchangeAccounts.id, live.diverging));
    const text = JSON.stringify(s.outOfSync);
    expect(stored?.enc).toBeTruthy();
    expect(text).not.toContain(stored!.enc!);
    expect(text).not.toMatch(/Enc"|apiKey|apiSecret|METRICSKEY/);
  });
});
