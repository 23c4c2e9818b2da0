// GET /dashboard/backtest — run the built-in strategy (or, where the plan allows, the language model with the
// user's custom prompt) over the bundled month or the stored live series, watch it progress, and read the
// equity curve, the figures and the trades of every run kept.
import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { requireUser } from "@/lib/auth/session";
import { planFor } from "@/lib/billing/limits";
import { getOwnRun, listOwnRuns, llmConfigured, llmSpentToday, runView } from "@/lib/backtest/runs";
import { bundledCandles, liveCandles } from "@/lib/backtest/sources";
import { env } from "@/lib/env";
import { getSettings } from "@/lib/trading/settings";
import { BacktestClient } from "./backtest-client";

export const metadata: Metadata = { title: "Backtest" };
export const dynamic = "force-dynamic";

export default async function BacktestPage({ searchParams }: { searchParams: Promise<{ run?: string }> }) {
  const user = await requireUser("/dashboard/backtest");
  const symbol = env.MARKET_SYMBOLS[0]!;
  const [{ plan }, settings, bundled, live, runs, spent] = await Promise.all([
    planFor(user),
    getSettings(user.id, symbol),
    bundledCandles(),
    liveCandles(symbol),
    listOwnRuns(user.id, 25),
    llmSpentToday(user.id),
  ]);
  const wanted = Number((await searchParams).run);
  const selectedId = Number.isSafeInteger(wanted) && wanted > 0 ? wanted : (runs[0]?.id ?? null);
  const selected = selectedId ? await getOwnRun(user.id, selectedId) : null;
  return (
    <>
      <PageHeader
        title="Backtest"
        description="Replay real candles through the same decision and execution code that trades for you, before you trust it with money."
      />
      <BacktestClient
        symbol={symbol}
        sources={{
          bundled: { from: bundled.from, to: bundled.to },
          live: live ? { from: live.from, to: live.to } : null,
        }}
        llm={{
          planAllows: plan.customPrompt,
          planName: plan.name,
          configured: llmConfigured(),
          hasCustomPrompt: Boolean(settings.customPrompt?.trim()),
          maxCostUsd: env.BACKTEST_LLM_MAX_COST_USD,
          dailyUsd: env.BACKTEST_LLM_DAILY_USD,
          spentUsd: spent,
        }}
        account={{
          riskLevel: settings.riskLevel,
          maxLeverage: settings.maxLeverage,
          minConfidence: settings.minConfidence,
        }}
        runs={runs.map((r) => runView(r))}
        selected={selected ? runView(selected, true) : null}
      />
    </>
  );
}
