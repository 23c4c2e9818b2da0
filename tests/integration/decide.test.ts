// The decide step against the real MariaDB and Redis and a local OpenAI-compatible server driven through the
// real openai client: every bad answer ends as a recorded hold, one call per group, idempotent ticks.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

const port = vi.hoisted(() => {
  const p = 21000 + (process.pid % 20000);
  process.env.OPENAI_API_KEY = "sk-test-not-real";
  process.env.OPENAI_BASE_URL = `http://127.0.0.1:${p}/v1`;
  process.env.OPENAI_TIMEOUT_MS = "1000";
  process.env.OPENAI_MAX_RETRIES = "0";
  process.env.SAFE_MODE_AFTER_FAILURES = "3";
  return p;
});

import { and, eq } from "drizzle-orm";
import { closeDb, db } from "@/db";
import { decisions } from "@/db/schema";
import { makeDecisions } from "@/lib/decision/make-decisions";
import { runTick } from "@/lib/decision/run-tick";
import { getDecisionState } from "@/lib/decision/state";
import { QUEUES } from "@/lib/queue/names";
import { closeQueues, getQueue } from "@/lib/queue/queues";
import { closeRedis } from "@/lib/redis";
import { setSystemSetting } from "@/lib/system/settings";
import { startFakeOpenAI, type FakeOpenAI } from "../fakes/openai";
import { realCandles, storeCandles } from "../helpers/market";
import { createTraders, disableAllTraders } from "../helpers/traders";

const SYMBOL = "BTCUSDT";
let fake: FakeOpenAI;
let tick = Date.UTC(2026, 0, 1, 0, 0);
const nextTick = () => new Date((tick += 300_000));

beforeAll(async () => {
  fake = await startFakeOpenAI(port);
  await storeCandles(SYMBOL, realCandles(120));
});

beforeEach(async () => {
  fake.calls.length = 0;
  fake.queue.length = 0;
  fake.fallback = { kind: "valid" };
  await disableAllTraders();
  await setSystemSetting("dailyTokenBudget", null, null);
  await setSystemSetting("killSwitch", false, null);
});

afterAll(async () => {
  await setSystemSetting("killSwitch", false, null);
  await fake.close();
  await closeQueues();
  await closeDb();
  await closeRedis();
});

async function onlyDecision(tickTime: Date) {
  const rows = await db
    .select()
    .from(decisions)
    .where(and(eq(decisions.symbol, SYMBOL), eq(decisions.tickTime, tickTime)));
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

describe("openai provider through the real client", () => {
  it("a valid answer becomes the decision, with the prompt, tokens and cost recorded", async () => {
    const t = nextTick();
    await makeDecisions(SYMBOL, t);
    const d = await onlyDecision(t);
    expect(d).toMatchObject({
      status: "ok",
      action: "buy",
      confidence: 0.8,
      leverage: 3,
      provider: "openai",
      model: "gpt-4o-mini",
    });
    expect(d.promptTokens).toBe(1200);
    expect(d.completionTokens).toBe(80);
    // 1200 × $0.15/M + 80 × $0.60/M
    expect(d.costUsd).toBeCloseTo(0.000228, 6);
    expect(fake.calls[0]!.hasSchema).toBe(true);
    expect(d.prompt).toContain("Symbol: BTCUSDT");
    expect(d.prompt).toMatch(/EMA20 \d+\.\d+, EMA50 \d+\.\d+, RSI14 \d+\.\d+/);
    expect(d.prompt).toContain("Risk level: medium");
    expect(d.rawResponse).toContain('"action":"buy"');
  });

  const bad: Array<[string, Parameters<FakeOpenAI["queue"]["push"]>[0], string, RegExp]> = [
    ["malformed JSON", { kind: "malformed" }, "invalid", /not valid JSON/],
    ["a schema violation", { kind: "schema" }, "invalid", /confidence/],
    ["a timeout", { kind: "timeout", ms: 3000 }, "failed", /timed out/],
    ["HTTP 500", { kind: "status", status: 500 }, "failed", /HTTP 500/],
  ];
  it.each(bad)("%s ends as a recorded hold", async (_label, mode, status, error) => {
    fake.queue.push(mode);
    const t = nextTick();
    await makeDecisions(SYMBOL, t);
    const d = await onlyDecision(t);
    expect(d.action).toBe("hold");
    expect(d.status).toBe(status);
    expect(d.error).toMatch(error);
    expect(d.reason).toMatch(/holding/);
    expect(fake.calls).toHaveLength(1);
  });

  it("goes into safe mode after 3 failures in a row and leaves it when a call succeeds", async () => {
    fake.fallback = { kind: "status", status: 500 };
    for (let i = 0; i < 3; i++) await makeDecisions(SYMBOL, nextTick());
    expect((await getDecisionState(SYMBOL)).safeMode).toBe(true);
    fake.fallback = { kind: "valid" };
    const t = nextTick();
    await makeDecisions(SYMBOL, t);
    expect((await onlyDecision(t)).action).toBe("buy");
    expect(await getDecisionState(SYMBOL)).toMatchObject({ safeMode: false, failures: 0 });
  });

  it("stops calling the model when the daily token budget is spent", async () => {
    await setSystemSetting("dailyTokenBudget", 1, null);
    const t = nextTick();
    await makeDecisions(SYMBOL, t);
    const d = await onlyDecision(t);
    expect(fake.calls).toHaveLength(0);
    expect(d.action).toBe("hold");
    expect(d.reason).toMatch(/token budget/);
  });
});

describe("admin settings take effect on the next tick", () => {
  it("a model or provider change applies to the next decision without a restart", async () => {
    await setSystemSetting("model", "gpt-test-next", null);
    const t1 = nextTick();
    await makeDecisions(SYMBOL, t1);
    expect(fake.calls.at(-1)?.model).toBe("gpt-test-next");
    expect((await onlyDecision(t1)).model).toBe("gpt-test-next");

    await setSystemSetting("provider", "builtin", null);
    const calls = fake.calls.length;
    const t2 = nextTick();
    await makeDecisions(SYMBOL, t2);
    expect(fake.calls).toHaveLength(calls);
    expect(await onlyDecision(t2)).toMatchObject({ provider: "builtin", model: "indicators-v1" });
    await setSystemSetting("provider", null, null);
    await setSystemSetting("model", null, null);
  });

  it("a paused symbol makes no decision at its next tick", async () => {
    await setSystemSetting("pausedSymbols", [SYMBOL], null);
    const t = nextTick();
    const summary = await runTick(SYMBOL, t);
    await setSystemSetting("pausedSymbols", [], null);
    expect(summary.skipped).toBe("symbol paused");
    expect(await db.select().from(decisions).where(eq(decisions.tickTime, t))).toHaveLength(0);
    expect(fake.calls).toHaveLength(0);
  });
});

describe("decision groups and fan-out", () => {
  it("N users in G groups make exactly G provider calls, and every user's group gets its decision", async () => {
    await createTraders(4, { riskLevel: "low" });
    await createTraders(3, { riskLevel: "high" });
    await createTraders(2, { riskLevel: "medium", customPrompt: "Only trade with the trend.", plan: "pro" });
    await createTraders(3, { riskLevel: "medium" }); // same as the default group
    const t = nextTick();
    const result = await makeDecisions(SYMBOL, t);
    // groups: low, high, medium+custom, medium default → 4 calls for 12 users
    expect(fake.calls).toHaveLength(4);
    expect(result.providerCalls).toBe(4);
    const rows = await db.select().from(decisions).where(eq(decisions.tickTime, t));
    expect(rows).toHaveLength(4);
    expect(result.decisions.map((d) => d.userIds.length).sort()).toEqual([2, 3, 3, 4]);
    expect(fake.calls.filter((c) => c.prompt.includes("Only trade with the trend."))).toHaveLength(1);
  });

  it("running the same tick twice makes no new call and enqueues each user's job once", async () => {
    const userIds = await createTraders(5, { riskLevel: "high" });
    const t = nextTick();
    const first = await runTick(SYMBOL, t);
    const second = await runTick(SYMBOL, t);
    expect(first.providerCalls).toBe(2); // default + high
    expect(second.providerCalls).toBe(0);
    const queue = getQueue(QUEUES.execute);
    const decision = first.decisions;
    expect(decision).toBe(2);
    const high = await db.query.decisions.findFirst({
      where: and(eq(decisions.tickTime, t), eq(decisions.riskLevel, "high")),
    });
    const jobs = await Promise.all(userIds.map((u) => queue.getJob(`d${high!.id}-u${u}`)));
    expect(jobs.every((j) => j?.data.userId !== undefined)).toBe(true);
    expect(new Set(jobs.map((j) => j!.id)).size).toBe(5);
    const counts = await queue.getJobCounts("waiting", "delayed", "active");
    expect((counts.waiting ?? 0) + (counts.delayed ?? 0) + (counts.active ?? 0)).toBeGreaterThanOrEqual(5);
    expect(first.enqueued).toBe(5);
    await queue.obliterate({ force: true });
  });

  it("with the global kill switch on, decisions are made but nothing is enqueued", async () => {
    await createTraders(3, { riskLevel: "low" });
    await setSystemSetting("killSwitch", true, null);
    const summary = await runTick(SYMBOL, nextTick());
    expect(summary.decisions).toBe(2);
    expect(summary.enqueued).toBe(0);
  });
});
