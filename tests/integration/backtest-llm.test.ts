// LLM backtests through the real openai client against a local OpenAI-compatible server: every answer is kept
// by prompt hash in MySQL (a rerun asks nothing and gives the same result), a run stops before its budget is
// exceeded, and the CLI refuses an LLM run without --max-cost and shows progress on stderr.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

const port = vi.hoisted(() => {
  const p = 23000 + (process.pid % 20000);
  process.env.OPENAI_API_KEY = "sk-test-not-real";
  process.env.OPENAI_BASE_URL = `http://127.0.0.1:${p}/v1`;
  process.env.OPENAI_TIMEOUT_MS = "2000";
  process.env.OPENAI_MAX_RETRIES = "0";
  return p;
});

import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { count, inArray } from "drizzle-orm";
import { closeDb, db } from "@/db";
import { llmAnswers } from "@/db/schema";
import { budgetedModelCall } from "@/lib/backtest/llm-cache";
import { runBacktest } from "@/lib/backtest/run-backtest";
import { promptShaOf } from "@/lib/decision/decide-group";
import { DEFAULT_MODEL_PRICES } from "@/lib/decision/prices";
import { paperRules } from "@/lib/exchange/paper/rules";
import { closeRedis } from "@/lib/redis";
import { startFakeOpenAI, type FakeOpenAI } from "../fakes/openai";
import { realCandles } from "../helpers/market";

const PRICE = DEFAULT_MODEL_PRICES["gpt-4o-mini"]!;
// 52 hours of history, then the backtest period.
const candles = realCandles(3_120 + 600, 20_000);
const start = candles[3_120]!.t;
let fake: FakeOpenAI;

const llmRun = (from: number, minutes: number, maxCostUsd: number, seen: string[] = []) => {
  const { callModel, spend } = budgetedModelCall({
    price: PRICE,
    maxCostUsd,
    ask: async (call) => {
      seen.push(promptShaOf(call));
      const { openaiDecision } = await import("@/lib/decision/providers/openai");
      return openaiDecision(call);
    },
  });
  return runBacktest({
    symbol: "BTCUSDT",
    candles,
    from,
    to: from + minutes * 60_000,
    levels: ["medium"],
    provider: "openai",
    model: "gpt-4o-mini",
    callModel,
    rules: paperRules(),
    tickMs: 300_000,
    historyMinutes: 3_120,
    stopReason: () => spend.stopped,
  }).then((report) => ({ report, spend }));
};

beforeAll(async () => {
  fake = await startFakeOpenAI(port);
});

beforeEach(() => {
  fake.calls.length = 0;
  fake.queue.length = 0;
  fake.fallback = { kind: "valid" };
  fake.usage = { prompt: 1200, cached: 0, completion: 80 };
});

afterAll(async () => {
  await fake.close();
  await closeDb();
  await closeRedis();
});

describe("LLM backtest cache", () => {
  it("asks each prompt once: the rerun costs nothing and gives the same trades and equity", async () => {
    const seen: string[] = [];
    const first = await llmRun(start, 120, 1, seen);
    expect(fake.calls).toHaveLength(24); // 24 ticks of 5 minutes, one level
    expect(first.spend).toMatchObject({ calls: 24, cached: 0, stopped: null });
    expect(first.spend.costUsd).toBeCloseTo(24 * ((1200 * 0.15 + 80 * 0.6) / 1e6), 6);
    const [stored] = await db
      .select({ n: count() })
      .from(llmAnswers)
      .where(inArray(llmAnswers.promptSha, seen));
    expect(stored!.n).toBe(24);
    // The fake's buy answers traded: the run is not empty.
    expect(first.report.levels[0]!.decisions.length).toBeGreaterThan(0);

    const second = await llmRun(start, 120, 1);
    expect(fake.calls).toHaveLength(24); // nothing new was asked
    expect(second.spend).toMatchObject({ calls: 0, cached: 24, costUsd: 0 });
    expect(second.report.levels[0]!.trades).toEqual(first.report.levels[0]!.trades);
    expect(second.report.levels[0]!.equity).toEqual(first.report.levels[0]!.equity);
  });

  it("does not keep failed calls: the next run asks again", async () => {
    fake.fallback = { kind: "status", status: 500 };
    const failing = await llmRun(start + 600 * 60_000 - 20 * 60_000, 10, 1);
    expect(failing.spend.calls).toBe(2);
    fake.fallback = { kind: "valid" };
    const retry = await llmRun(start + 600 * 60_000 - 20 * 60_000, 10, 1);
    expect(retry.spend).toMatchObject({ calls: 2, cached: 0 });
  });
});

describe("--max-cost", () => {
  it("stops before the budget is exceeded and says so", async () => {
    const perCall = (1200 * 0.15 + 80 * 0.6) / 1e6;
    const { report, spend } = await llmRun(start + 150 * 60_000, 240, 3.5 * perCall);
    expect(fake.calls).toHaveLength(3);
    expect(spend.costUsd).toBeLessThanOrEqual(3.5 * perCall);
    expect(report.stopped).toMatch(/^The budget of \$0\.00 was reached after 3 model calls/);
    expect(report.ticks).toBe(3);
  });
});

describe("npm run backtest", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "tp-cli-"));
  const file = path.join(dir, "candles.csv");
  writeFileSync(
    file,
    `open_time,open,high,low,close,volume\n${candles
      .slice(0, 3_180)
      .map((c) => `${new Date(c.t).toISOString()},${c.o},${c.h},${c.l},${c.c},${c.v}`)
      .join("\n")}\n`,
  );
  const cli = (args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(
        "node_modules/.bin/tsx",
        ["--conditions=react-server", "scripts/backtest.ts", ...args],
        {
          env: process.env,
        },
      );
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d: Buffer) => (stdout += d));
      child.stderr.on("data", (d: Buffer) => (stderr += d));
      child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
    });

  it("refuses an LLM run without --max-cost, before asking anything", async () => {
    const res = await cli(["--data", file, "--provider", "openai"]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("--provider openai needs --max-cost <usd>");
    expect(fake.calls).toHaveLength(0);
  }, 60_000);

  it("runs an LLM backtest with a progress bar on stderr and writes the JSON", async () => {
    const json = path.join(dir, "out.json");
    const from = new Date(candles[3_120]!.t).toISOString();
    const res = await cli([
      "--data",
      file,
      "--provider",
      "openai",
      "--max-cost",
      "1",
      "--risk",
      "low",
      "--from",
      from,
      "--json",
      json,
    ]);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stderr).toMatch(/\[#+-*\] +\d+ % · \$0\.\d+ of \$1/);
    expect(res.stdout).toMatch(/\| trades \| \d+ \|/);
    expect(res.stdout).toMatch(/LLM: 12 calls/);
    const out = JSON.parse(readFileSync(json, "utf8")) as {
      levels: { level: string; equity: unknown[]; trades: unknown[] }[];
    };
    expect(out.levels.map((l) => l.level)).toEqual(["low"]);
    expect(out.levels[0]!.equity.length).toBe(12);
    // The rerun is served from the cache.
    const again = await cli([
      "--data",
      file,
      "--provider",
      "openai",
      "--max-cost",
      "1",
      "--risk",
      "low",
      "--from",
      from,
    ]);
    expect(again.stdout).toMatch(/LLM: 0 calls \(\$0\.0000\), 12 answers from the cache/);
    expect(fake.calls).toHaveLength(12);
  }, 120_000);

  it("names the line of a malformed file", async () => {
    const bad = path.join(dir, "bad.csv");
    writeFileSync(bad, `${readFileSync(file, "utf8")}2024-13-01T00:00:00Z,1,2,0.5,1,1\n`);
    const res = await cli(["--data", bad]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(`${bad}: line 3182: "2024-13-01T00:00:00Z" is not a time`);
  }, 60_000);
});
