// /api/backtests against the real database, Redis, BullMQ queue and backtest worker: bad input is a 400 that
// stores nothing, a run goes queued → running → done with progress on the owner's stream and its curve and
// trades stored, runs are one at a time and rate-limited per user, LLM runs are plan-gated and budgeted, and
// nobody sees anyone else's runs.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const port = vi.hoisted(() => {
  const p = 25000 + (process.pid % 20000);
  process.env.OPENAI_API_KEY = "sk-test-not-real";
  process.env.OPENAI_BASE_URL = `http://127.0.0.1:${p}/v1`;
  process.env.OPENAI_MAX_RETRIES = "0";
  process.env.STRIPE_SECRET_KEY = "sk_test_backtests";
  process.env.BACKTESTS_PER_HOUR = "3";
  process.env.BACKTEST_LLM_MAX_COST_USD = "0.02";
  process.env.BACKTEST_LLM_DAILY_USD = "0.02";
  return p;
});

vi.mock("@/lib/auth/session", async (importOriginal) =>
  (await import("../helpers/as-user")).sessionMock(importOriginal as never),
);

import { count, eq } from "drizzle-orm";
import { GET as getRun } from "@/app/api/backtests/[id]/route";
import { GET as listRuns, POST as postRun } from "@/app/api/backtests/route";
import { closeDb, db } from "@/db";
import { backtestRuns, users } from "@/db/schema";
import { userChannel } from "@/lib/events/channels";
import { closeQueues } from "@/lib/queue/queues";
import { closeRedis, createRedis } from "@/lib/redis";
import { startBacktestWorker } from "@/workers/backtest";
import { startFakeOpenAI, type FakeOpenAI } from "../fakes/openai";
import { makeUser } from "../helpers/accounts";
import { jsonRequest, signInAs } from "../helpers/as-user";

type Json = Record<string, unknown>;
const DAY = "2024-12-10";
let fake: FakeOpenAI;
let stop: () => Promise<void>;

const post = async (body: unknown) => {
  const res = await postRun(jsonRequest("/api/backtests", "POST", body), undefined);
  return {
    status: res.status,
    headers: res.headers,
    body: (await res.json()) as Json & { run?: Json; error?: Json },
  };
};
const get = async (id: number | string) => {
  const res = await getRun(jsonRequest(`/api/backtests/${id}`), {
    params: Promise.resolve({ id: String(id) }),
  });
  return {
    status: res.status,
    body: (await res.json()) as { run?: Json & { result?: Json; metrics?: Json } },
  };
};
const runsOf = async (userId: number) =>
  (await db.select({ n: count() }).from(backtestRuns).where(eq(backtestRuns.userId, userId)))[0]!.n;
const finished = (id: number) =>
  expect
    .poll(async () => (await get(id)).body.run?.status, { timeout: 60_000, interval: 100 })
    .toMatch(/^(done|failed)$/);

beforeAll(async () => {
  fake = await startFakeOpenAI(port);
  const worker = await startBacktestWorker();
  stop = () => worker.close();
});

afterAll(async () => {
  await stop?.();
  await fake.close();
  await closeQueues();
  await closeDb();
  await closeRedis();
});

describe("POST /api/backtests", () => {
  it("needs a session", async () => {
    await signInAs(null);
    expect((await post({ source: "bundled", riskLevel: "low" })).status).toBe(401);
  });

  it.each([
    ["an unknown source", { source: "csv", riskLevel: "low" }, /Candles must be bundled or live/],
    [
      "an unknown risk level",
      { source: "bundled", riskLevel: "max" },
      /Risk level must be low, medium or high/,
    ],
    ["an unknown field", { source: "bundled", riskLevel: "low", leverage: 50 }, /leverage|Unrecognized/i],
    [
      "a date that is not one",
      { source: "bundled", riskLevel: "low", from: "yesterday" },
      /from: must be a date/,
    ],
    [
      "a period outside the data",
      { source: "bundled", riskLevel: "low", from: "2023-01-01" },
      /must lie within 2024-11-30 23:00/,
    ],
    [
      "a period under an hour",
      { source: "bundled", riskLevel: "low", from: `${DAY}T10:00`, to: `${DAY}T10:30` },
      /at least one hour/,
    ],
    [
      "to before from",
      { source: "bundled", riskLevel: "low", from: `${DAY}T10:00`, to: `${DAY}T09:00` },
      /at least one hour/,
    ],
    [
      "a custom prompt for the built-in strategy",
      { source: "bundled", riskLevel: "low", useCustomPrompt: true },
      /LLM backtests only/,
    ],
    [
      "a budget above the ceiling",
      { source: "bundled", riskLevel: "low", strategy: "llm", maxCostUsd: 5000 },
      /maxCostUsd/,
    ],
    ["a body that is not JSON", "{not json", /valid JSON/],
  ])("refuses %s with a 400 and stores nothing", async (_name, body, message) => {
    const u = await makeUser("bt-bad");
    await signInAs(u.id);
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(String(res.body.error?.message)).toMatch(message);
    expect(await runsOf(u.id)).toBe(0);
  });

  it("runs a built-in backtest as a job: progress on the owner's stream, then the curve, trades and figures", async () => {
    const u = await makeUser("bt-run");
    await signInAs(u.id);
    const sub = createRedis("worker");
    const events: Json[] = [];
    await sub.subscribe(userChannel(u.id));
    sub.on("message", (_c, m: string) => events.push(JSON.parse(m) as Json));
    try {
      const res = await post({
        source: "bundled",
        riskLevel: "high",
        from: "2024-12-03T00:00",
        to: "2024-12-06T00:00",
      });
      expect(res.status).toBe(201);
      expect(res.body.run).toMatchObject({
        status: "queued",
        riskLevel: "high",
        provider: "builtin",
        source: "bundled",
      });
      const id = res.body.run!.id as number;
      await finished(id);
      const { body } = await get(id);
      expect(body.run).toMatchObject({ status: "done", progress: 1, from: "2024-12-03T00:00:00.000Z" });
      const result = body.run!.result as {
        equity: { t: number; equity: number; drawdown: number }[];
        trades: unknown[];
      };
      expect(result.equity.length).toBe(3 * 288);
      expect(result.equity.every((p) => p.drawdown <= 0)).toBe(true);
      expect(result.trades.length).toBe(body.run!.metrics!.trades);
      expect(result.trades.length).toBeGreaterThan(0);
      expect(body.run!.metrics!.endEquity).toBeCloseTo(result.equity.at(-1)!.equity, 2);
      // queued → running (progress climbing) → done, all on the owner's channel
      await expect.poll(() => events.at(-1)?.status).toBe("done");
      const progress = events.filter((e) => e.status === "running").map((e) => e.progress as number);
      expect(progress.length).toBeGreaterThan(5);
      expect(progress).toEqual([...progress].sort((a, b) => a - b));
      expect(events.every((e) => e.type === "backtest" && e.id === id)).toBe(true);
    } finally {
      sub.disconnect();
    }
  });

  it("runs one backtest per user at a time (409) and limits how many start per hour (429)", async () => {
    const u = await makeUser("bt-limit");
    await signInAs(u.id);
    const [row] = await db
      .insert(backtestRuns)
      .values({
        userId: u.id,
        source: "bundled",
        symbol: "BTCUSDT",
        periodFrom: new Date(),
        periodTo: new Date(),
        riskLevel: "low",
        provider: "builtin",
        model: "indicators-v1",
        maxLeverage: 3,
        minConfidence: 0.6,
      })
      .$returningId();
    const busy = await post({
      source: "bundled",
      riskLevel: "low",
      from: `${DAY}T00:00`,
      to: `${DAY}T02:00`,
    });
    expect(busy.status).toBe(409);
    await db.update(backtestRuns).set({ status: "done" }).where(eq(backtestRuns.id, row!.id));
    for (let i = 0; i < 3; i++) {
      const ok = await post({
        source: "bundled",
        riskLevel: "low",
        from: `${DAY}T00:00`,
        to: `${DAY}T02:00`,
      });
      expect(ok.status).toBe(201);
      await finished(ok.body.run!.id as number);
    }
    const limited = await post({
      source: "bundled",
      riskLevel: "low",
      from: `${DAY}T00:00`,
      to: `${DAY}T02:00`,
    });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await runsOf(u.id)).toBe(4);
  });

  it("keeps LLM runs to paying plans, within the daily budget, and runs them against the model", async () => {
    const free = await makeUser("bt-free");
    await signInAs(free.id);
    const refused = await post({
      source: "bundled",
      riskLevel: "medium",
      strategy: "llm",
      from: `${DAY}T00:00`,
      to: `${DAY}T01:00`,
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error?.message).toMatch(/Pro and Elite plans \(you are on Free\)/);

    const pro = await makeUser("bt-pro");
    await db.update(users).set({ plan: "pro" }).where(eq(users.id, pro.id));
    await signInAs(pro.id);
    const noPrompt = await post({
      source: "bundled",
      riskLevel: "medium",
      strategy: "llm",
      useCustomPrompt: true,
      from: `${DAY}T00:00`,
      to: `${DAY}T01:00`,
    });
    expect(noPrompt.status).toBe(400);
    expect(noPrompt.body.error?.message).toMatch(/no custom prompt saved/);
    const calls = fake.calls.length;
    const res = await post({
      source: "bundled",
      riskLevel: "medium",
      strategy: "llm",
      maxCostUsd: 0.015,
      from: `${DAY}T00:00`,
      to: `${DAY}T01:00`,
    });
    expect(res.status).toBe(201);
    const id = res.body.run!.id as number;
    await finished(id);
    const { body } = await get(id);
    expect(body.run).toMatchObject({ status: "done", provider: "openai", llmCalls: 12, maxCostUsd: 0.015 });
    expect(fake.calls.length - calls).toBe(12);
    expect(body.run!.costUsd).toBeGreaterThan(0);
    // $0.02 a day: about $0.003 is spent, a second run that may spend $0.02 would go past it.
    const over = await post({
      source: "bundled",
      riskLevel: "medium",
      strategy: "llm",
      maxCostUsd: 0.02,
      from: `${DAY}T00:00`,
      to: `${DAY}T01:00`,
    });
    expect(over.status).toBe(403);
    expect(over.body.error?.message).toMatch(/LLM backtest budget for today is \$0\.02: \$0\.00 is used/);
  });
});

describe("tenant isolation", () => {
  it("another user's run is a 404, and lists show only one's own runs", async () => {
    const a = await makeUser("bt-a");
    const b = await makeUser("bt-b");
    await signInAs(a.id);
    const res = await post({ source: "bundled", riskLevel: "low", from: `${DAY}T00:00`, to: `${DAY}T02:00` });
    const id = res.body.run!.id as number;
    await finished(id);
    expect((await get(id)).status).toBe(200);
    await signInAs(b.id);
    const other = await get(id);
    expect(other.status).toBe(404);
    expect(other.body).toEqual({ error: { code: "not_found", message: "Backtest not found" } });
    expect((await get("abc")).status).toBe(404);
    const list = (await (await listRuns(jsonRequest("/api/backtests"), undefined)).json()) as {
      items: Json[];
    };
    expect(list.items).toEqual([]);
  });
});
