// GET /api/metrics needs the bearer token; with it, Prometheus text with queue depths, latency, orders, feed lag,
// LLM tokens — read from what is in Redis and MySQL. The status page reads the same sources.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closeDb, db } from "@/db";
import { decisions, orders } from "@/db/schema";
import { closeQueues } from "@/lib/queue/queues";
import { systemStatus } from "@/lib/admin/status";
import { registerUser } from "@/lib/auth/register";
import { closeRedis, redis, rkey } from "@/lib/redis";
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
  const { id: userId } = await registerUser({ email: uniqueEmail("m"), password: "longenough1" });
  await db.insert(orders).values([
    { userId, decisionId: d1!.id, symbol: "BTCUSDT", clientOrderId: "m-1", status: "filled" },
    { userId, symbol: "BTCUSDT", clientOrderId: "m-2", status: "skipped", kind: "none" },
    { userId, symbol: "BTCUSDT", clientOrderId: "m-3", status: "skipped", kind: "none" },
  ]);
});

afterAll(async () => {
  // Leave no fake feed or decision state behind for the feed and decision tests that follow.
  await redis().del(rkey("feed:replay:BTCUSDT:1m"), rkey("decide:state:BTCUSDT"));
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
});
