import "server-only";
// Users' backtest runs: ask for one (validated, rate-limited, one at a time, LLM runs plan-gated and budgeted),
// list them and read one — always scoped to the signed-in user (someone else's run is a 404).
import { and, desc, eq, getTableColumns, gte, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { backtestRuns, type BacktestRun } from "@/db/schema";
import { AppError } from "@/lib/api/errors";
import { hit, rateLimitedError } from "@/lib/auth/rate-limit";
import type { Plan } from "@/lib/billing/plans";
import { startOfUtcDay } from "@/lib/decision/budget";
import { promptHash } from "@/lib/decision/groups";
import { providerConfig } from "@/lib/decision/provider-config";
import { env } from "@/lib/env";
import { getQueue } from "@/lib/queue/queues";
import { QUEUES } from "@/lib/queue/names";
import { getSettings } from "@/lib/trading/settings";
import { parseTime } from "./parse-csv";
import { sourceData } from "./sources";

const HOUR = 3_600_000;

const time = z
  .string()
  .max(40)
  .transform((raw, ctx) => {
    const t = parseTime(raw.trim());
    if (t === null) {
      ctx.addIssue({ code: "custom", message: "must be a date or time (ISO-8601)" });
      return z.NEVER;
    }
    return t;
  });

/** POST /api/backtests body. */
export const backtestInput = z
  .object({
    source: z.enum(["bundled", "live"], { error: "Candles must be bundled or live" }),
    riskLevel: z.enum(["low", "medium", "high"], { error: "Risk level must be low, medium or high" }),
    from: time.optional(),
    to: time.optional(),
    strategy: z.enum(["builtin", "llm"], { error: "Strategy must be builtin or llm" }).default("builtin"),
    useCustomPrompt: z.boolean().default(false),
    maxCostUsd: z
      .number()
      .positive("Budget must be more than 0 USD")
      .max(1000, "Budget must be at most 1,000 USD")
      .optional(),
  })
  .strict();
export type BacktestInput = z.infer<typeof backtestInput>;

/** Whether an LLM is configured on this installation (an API key or a compatible server). */
export function llmConfigured(): boolean {
  return Boolean(env.OPENAI_API_KEY || env.OPENAI_BASE_URL);
}

/** USD the user's LLM backtests have spent or reserved today (unfinished runs count at their budget). */
export async function llmSpentToday(userId: number): Promise<number> {
  const [row] = await db
    .select({
      n: sql<string>`COALESCE(SUM(CASE WHEN ${backtestRuns.status} IN ('queued','running') THEN ${backtestRuns.maxCostUsd} ELSE ${backtestRuns.costUsd} END), 0)`,
    })
    .from(backtestRuns)
    .where(and(eq(backtestRuns.userId, userId), gte(backtestRuns.createdAt, startOfUtcDay())));
  return Number(row?.n ?? 0);
}

/** Validate, check the user's limits, store the run and enqueue it. */
export async function createBacktestRun(
  user: { id: number },
  plan: Plan,
  input: BacktestInput,
  symbol = env.MARKET_SYMBOLS[0]!,
): Promise<BacktestRun> {
  const data = await sourceData(input.source, symbol);
  if (!data)
    throw new AppError(
      "unprocessable",
      "The live series is too short to backtest yet: try the bundled month.",
      { fields: { source: "not enough live candles yet" } },
    );
  const fmt = (t: number) => new Date(t).toISOString().slice(0, 16).replace("T", " ");
  const from = input.from ?? data.from;
  const to = input.to ?? data.to;
  const outside = (t: number) => t < data.from || t > data.to;
  if (outside(from) || outside(to))
    throw new AppError("bad_request", `The period must lie within ${fmt(data.from)} – ${fmt(data.to)} UTC`, {
      fields: { [outside(from) ? "from" : "to"]: "outside the data" },
    });
  if (to - from < HOUR)
    throw new AppError("bad_request", "The period must be at least one hour long", {
      fields: { to: "at least one hour after from" },
    });

  const llm = input.strategy === "llm";
  let customPrompt: string | null = null;
  if (!llm && (input.useCustomPrompt || input.maxCostUsd !== undefined))
    throw new AppError("bad_request", "A custom prompt and a budget apply to LLM backtests only", {
      fields: { strategy: "choose llm" },
    });
  if (llm) {
    if (!plan.customPrompt)
      throw new AppError(
        "forbidden",
        `LLM backtests are part of the Pro and Elite plans (you are on ${plan.name}).`,
      );
    if (!llmConfigured())
      throw new AppError(
        "unprocessable",
        "No language model is configured on this installation: backtest the built-in strategy.",
      );
    if (input.useCustomPrompt) {
      customPrompt = (await getSettings(user.id, symbol)).customPrompt?.trim() || null;
      if (!customPrompt)
        throw new AppError("bad_request", "You have no custom prompt saved: add one in Settings first.", {
          fields: { useCustomPrompt: "no custom prompt saved" },
        });
    }
  }
  const maxCostUsd = llm
    ? Math.min(input.maxCostUsd ?? env.BACKTEST_LLM_MAX_COST_USD, env.BACKTEST_LLM_MAX_COST_USD)
    : null;

  const [busy] = await db
    .select({ id: backtestRuns.id })
    .from(backtestRuns)
    .where(and(eq(backtestRuns.userId, user.id), inArray(backtestRuns.status, ["queued", "running"])))
    .limit(1);
  if (busy) throw new AppError("conflict", "A backtest of yours is still running: wait for it to finish.");
  if (maxCostUsd !== null) {
    const spent = await llmSpentToday(user.id);
    if (spent + maxCostUsd > env.BACKTEST_LLM_DAILY_USD + 1e-9)
      throw new AppError(
        "forbidden",
        `Your LLM backtest budget for today is $${env.BACKTEST_LLM_DAILY_USD.toFixed(2)}: $${spent.toFixed(2)} is used, this run would need up to $${maxCostUsd.toFixed(2)}.`,
      );
  }
  const limited = await hit(`backtest:user:${user.id}`, env.BACKTESTS_PER_HOUR, 3600);
  if (!limited.ok) throw rateLimitedError(limited.retryAfter);

  const settings = await getSettings(user.id, symbol);
  const cfg = llm ? await providerConfig() : null;
  const [row] = await db
    .insert(backtestRuns)
    .values({
      userId: user.id,
      source: input.source,
      symbol,
      periodFrom: new Date(from),
      periodTo: new Date(to),
      riskLevel: input.riskLevel,
      provider: llm ? "openai" : "builtin",
      model: cfg?.provider === "openai" ? cfg.model : llm ? env.OPENAI_MODEL : "indicators-v1",
      promptHash: promptHash(customPrompt),
      maxLeverage: Math.min(settings.maxLeverage, plan.maxLeverage),
      minConfidence: settings.minConfidence,
      maxCostUsd,
    })
    .$returningId();
  await getQueue(QUEUES.backtest).add(
    "run",
    { runId: row!.id },
    {
      jobId: `backtest-${row!.id}`,
      attempts: 2,
      removeOnComplete: { age: 86_400 },
      removeOnFail: { age: 7 * 86_400 },
    },
  );
  return (await getOwnRun(user.id, row!.id))!;
}

/** One of the user's runs, or null (another user's run is indistinguishable from a missing one). */
export async function getOwnRun(userId: number, id: number): Promise<BacktestRun | null> {
  const [run] = await db
    .select()
    .from(backtestRuns)
    .where(and(eq(backtestRuns.id, id), eq(backtestRuns.userId, userId)))
    .limit(1);
  return run ?? null;
}

// Every column but the stored result (curves and trades are read for one run at a time).
const { result: _result, ...listColumns } = getTableColumns(backtestRuns);

/** The user's newest runs (without their stored results). */
export async function listOwnRuns(userId: number, limit = 50): Promise<Omit<BacktestRun, "result">[]> {
  return db
    .select(listColumns)
    .from(backtestRuns)
    .where(eq(backtestRuns.userId, userId))
    .orderBy(desc(backtestRuns.createdAt), desc(backtestRuns.id))
    .limit(limit);
}

/** A run as the API and the page show it (`result` only when asked for). */
export function runView(run: Omit<BacktestRun, "result"> & { result?: string | null }, withResult = false) {
  return {
    id: run.id,
    status: run.status,
    source: run.source,
    symbol: run.symbol,
    from: run.periodFrom.toISOString(),
    to: run.periodTo.toISOString(),
    riskLevel: run.riskLevel,
    provider: run.provider,
    model: run.model,
    customPrompt: run.promptHash !== null,
    maxLeverage: run.maxLeverage,
    minConfidence: run.minConfidence,
    maxCostUsd: run.maxCostUsd,
    costUsd: run.costUsd,
    llmCalls: run.llmCalls,
    cachedCalls: run.cachedCalls,
    progress: run.progress,
    error: run.error,
    stoppedReason: run.stoppedReason,
    metrics: run.metrics,
    createdAt: run.createdAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    ...(withResult ? { result: run.result ? (JSON.parse(run.result) as unknown) : null } : {}),
  };
}
export type RunView = ReturnType<typeof runView>;
