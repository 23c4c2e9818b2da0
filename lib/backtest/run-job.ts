import "server-only";
// The backtest job: runs one stored request on its source's candles with the live loop's functions, reports
// progress on the owner's stream (`backtest` events), and stores the figures, the equity curve and the trades.
import { eq } from "drizzle-orm";
import { db } from "@/db";
import { backtestRuns, type BacktestRun } from "@/db/schema";
import type { CallModel } from "@/lib/decision/decide-group";
import { fallbackPrice, modelPrices } from "@/lib/decision/budget";
import { priceFor } from "@/lib/decision/prices";
import { tickIntervalMs } from "@/lib/decision/provider-config";
import { env } from "@/lib/env";
import { userChannel } from "@/lib/events/channels";
import { paperRules } from "@/lib/exchange/paper/rules";
import { getLogger } from "@/lib/log";
import { redis } from "@/lib/redis";
import { getSettings } from "@/lib/trading/settings";
import { budgetedModelCall, type LlmSpend } from "./llm-cache";
import { chartCurve, tradeView } from "./result";
import { runBacktest } from "./run-backtest";
import { sourceData } from "./sources";

const log = getLogger("backtest");

/** What the owner's stream carries about a run (SSE event `backtest`). */
export interface BacktestEvent {
  type: "backtest";
  id: number;
  status: BacktestRun["status"];
  progress: number;
}

async function publish(
  run: Pick<BacktestRun, "id" | "userId">,
  status: BacktestRun["status"],
  progress: number,
) {
  const event: BacktestEvent = {
    type: "backtest",
    id: run.id,
    status,
    progress: Math.round(progress * 1000) / 1000,
  };
  await redis().publish(userChannel(run.userId), JSON.stringify(event));
}

const noModel: CallModel = () => Promise.reject(new Error("the built-in strategy asks no model"));

/** Run a stored backtest request to its end (done or failed). Safe to run again: it starts over. */
export async function processBacktestRun(runId: number): Promise<BacktestRun["status"]> {
  const [run] = await db.select().from(backtestRuns).where(eq(backtestRuns.id, runId));
  if (!run || run.status === "done" || run.status === "failed") return run?.status ?? "failed";
  await db
    .update(backtestRuns)
    .set({ status: "running", startedAt: new Date(), progress: 0 })
    .where(eq(backtestRuns.id, runId));
  await publish(run, "running", 0);
  let spend: LlmSpend | null = null;
  try {
    const data = await sourceData(run.source, run.symbol);
    if (!data) throw new Error("The live series is too short to backtest.");
    let callModel = noModel;
    if (run.provider === "openai") {
      const price = priceFor(run.model, await modelPrices(), fallbackPrice()).price;
      const llm = budgetedModelCall({ price, maxCostUsd: run.maxCostUsd ?? 0 });
      callModel = llm.callModel;
      spend = llm.spend;
    }
    const customPrompt = run.promptHash
      ? ((await getSettings(run.userId, run.symbol)).customPrompt ?? null)
      : null;
    let lastWrite = 0;
    const report = await runBacktest({
      symbol: run.symbol,
      candles: data.candles,
      from: run.periodFrom.getTime(),
      to: run.periodTo.getTime(),
      levels: [run.riskLevel],
      provider: run.provider === "openai" ? "openai" : "builtin",
      model: run.model,
      customPrompt,
      callModel,
      rules: paperRules(),
      // The installation's tick interval, in whole minutes (the candles are 1-minute candles).
      tickMs: Math.max(1, Math.round((await tickIntervalMs()) / 60_000)) * 60_000,
      historyMinutes: env.DECISION_HISTORY_MINUTES,
      settings: (level) => ({
        riskLevel: level,
        maxLeverage: run.maxLeverage,
        minConfidence: run.minConfidence,
        planMaxLeverage: run.maxLeverage,
      }),
      stopReason: () => spend?.stopped ?? null,
      // The worker process also runs ticks and orders: a backtest never holds the event loop for long.
      yieldEveryTicks: 20,
      onProgress: async (done) => {
        if (done - lastWrite < 0.02 && done < 1) return;
        lastWrite = done;
        await db
          .update(backtestRuns)
          .set({ progress: done, costUsd: spend?.costUsd ?? 0 })
          .where(eq(backtestRuns.id, runId));
        await publish(run, "running", done);
      },
    });
    const level = report.levels[0]!;
    const result = {
      equity: chartCurve(level.equity),
      trades: level.trades.map(tradeView),
      openPosition: level.openPosition,
      decisions: { acted: level.decisions.length, holds: level.holds },
      ticks: report.ticks,
      candles: report.candles,
      gaps: report.gaps.length,
    };
    await db
      .update(backtestRuns)
      .set({
        status: "done",
        progress: 1,
        metrics: { ...level.metrics },
        result: JSON.stringify(result),
        stoppedReason: report.stopped,
        costUsd: spend?.costUsd ?? 0,
        llmCalls: spend?.calls ?? 0,
        cachedCalls: spend?.cached ?? 0,
        finishedAt: new Date(),
      })
      .where(eq(backtestRuns.id, runId));
    await publish(run, "done", 1);
    return "done";
  } catch (err) {
    log.error({ err, runId }, "backtest failed");
    const message = err instanceof Error ? err.message : "unknown error";
    await db
      .update(backtestRuns)
      .set({
        status: "failed",
        error: `The backtest failed: ${message}`.slice(0, 500),
        costUsd: spend?.costUsd ?? 0,
        finishedAt: new Date(),
      })
      .where(eq(backtestRuns.id, runId));
    await publish(run, "failed", 0);
    return "failed";
  }
}
