import "server-only";
// One tick for one symbol: closed candles → indicators → one provider call per decision group → decision rows.
// Idempotent: decisions are unique on (symbol, tick, group); a retry reuses rows already written.
import { and, eq, gte, sql } from "drizzle-orm";
import { db } from "@/db";
import { decisions, type Decision, type NewDecision } from "@/db/schema";
import { readClosedCandles } from "@/lib/market/series";
import { getLogger } from "@/lib/log";
import { buildPrompt, type RiskLevel } from "./build-prompt";
import { loadDecisionGroups, type DecisionGroup } from "./groups";
import { computeIndicators, type IndicatorSnapshot } from "./indicators";
import { providerConfig, tokenBudget, type ProviderConfig } from "./provider-config";
import { builtinDecision } from "./providers/builtin";
import { openaiDecision, type ProviderResult } from "./providers/openai";
import { holdDecision } from "./schema";
import { getDecisionState, recordProviderOutcome } from "./state";
import { env } from "@/lib/env";

const log = getLogger("decide");

/** Leverage a group may be offered, by risk level (each user is clamped again at execution). */
export const RISK_LEVERAGE_CAP: Record<RiskLevel, number> = { low: 3, medium: 5, high: 10 };

export interface TickResult {
  decisions: Array<{ decision: Decision; userIds: number[] }>;
  providerCalls: number;
}

/** Tokens spent today (UTC) across all symbols. */
async function tokensToday(): Promise<number> {
  const midnight = new Date();
  midnight.setUTCHours(0, 0, 0, 0);
  const [row] = await db
    .select({ n: sql<string>`COALESCE(SUM(${decisions.promptTokens} + ${decisions.completionTokens}), 0)` })
    .from(decisions)
    .where(gte(decisions.createdAt, midnight));
  return Number(row?.n ?? 0);
}

function builtinResult(ind: IndicatorSnapshot, group: DecisionGroup): ProviderResult {
  const start = performance.now();
  const decision = builtinDecision(ind, group.riskLevel, RISK_LEVERAGE_CAP[group.riskLevel]);
  return {
    decision,
    status: "ok",
    error: null,
    raw: JSON.stringify(decision),
    promptTokens: 0,
    completionTokens: 0,
    costUsd: 0,
    latencyMs: Math.round(performance.now() - start),
  };
}

function holdResult(reason: string): ProviderResult {
  return {
    decision: holdDecision(reason),
    status: "failed",
    error: reason,
    raw: null,
    promptTokens: 0,
    completionTokens: 0,
    costUsd: 0,
    latencyMs: 0,
  };
}

async function existingDecision(symbol: string, tickTime: Date, key: string): Promise<Decision | undefined> {
  return db.query.decisions.findFirst({
    where: and(eq(decisions.symbol, symbol), eq(decisions.tickTime, tickTime), eq(decisions.groupKey, key)),
  });
}

/** Write a decision (or find the one a concurrent/earlier attempt wrote). */
async function saveDecision(row: NewDecision): Promise<Decision> {
  await db
    .insert(decisions)
    .values(row)
    .onDuplicateKeyUpdate({ set: { id: sql`id` } });
  const saved = await existingDecision(row.symbol, row.tickTime, row.groupKey);
  if (!saved) throw new Error("decision row missing after insert");
  return saved;
}

/** Run the decision step of one tick. */
export async function makeDecisions(
  symbol: string,
  tickTime: Date,
  config?: ProviderConfig,
): Promise<TickResult> {
  const cfg = config ?? (await providerConfig());
  const providerModel = `${cfg.provider}/${cfg.model}`;
  const groups = await loadDecisionGroups(symbol, providerModel);
  const candles = await readClosedCandles(symbol, env.DECISION_CANDLES);
  const ind = candles.length >= 30 ? computeIndicators(candles) : null;
  let budgetLeft = cfg.provider === "openai" ? (await tokenBudget()) - (await tokensToday()) : Infinity;
  let safe = cfg.provider === "openai" ? (await getDecisionState(symbol)).safeMode : false;
  let providerCalls = 0;
  const out: TickResult["decisions"] = [];

  for (const group of groups) {
    const done = await existingDecision(symbol, tickTime, group.key);
    if (done) {
      out.push({ decision: done, userIds: group.userIds });
      continue;
    }
    const cap = RISK_LEVERAGE_CAP[group.riskLevel];
    const prompt = ind
      ? buildPrompt({
          symbol,
          candles,
          indicators: ind,
          riskLevel: group.riskLevel,
          leverageCap: cap,
          customPrompt: group.customPrompt,
        })
      : null;
    let result: ProviderResult;
    if (!ind || !prompt) {
      result = holdResult(`Waiting for market data: ${candles.length} closed candles, 30 needed.`);
    } else if (cfg.provider === "builtin") {
      result = builtinResult(ind, group);
    } else if (budgetLeft <= 0) {
      result = holdResult("The daily LLM token budget is spent: holding until 00:00 UTC.");
    } else if (safe && providerCalls > 0) {
      result = holdResult(
        "Safe mode: the decision provider failed several times in a row; holding until a call succeeds.",
      );
    } else {
      providerCalls += 1;
      result = await openaiDecision(prompt, cfg.model, cap);
      budgetLeft -= result.promptTokens + result.completionTokens;
      const state = await recordProviderOutcome(symbol, result.status === "ok", result.error);
      safe = state.safeMode;
      if (result.status !== "ok")
        log.warn({ symbol, group: group.key, error: result.error }, "provider call did not give a decision");
    }
    const d = result.decision;
    const decision = await saveDecision({
      symbol,
      tickTime,
      groupKey: group.key,
      riskLevel: group.riskLevel,
      promptHash: group.promptHash,
      provider: cfg.provider,
      model: cfg.model,
      action: d.action,
      confidence: d.confidence,
      leverage: d.leverage,
      stopLoss: d.stop_loss,
      takeProfit: d.take_profit,
      reason: d.reason,
      price: ind?.close ?? null,
      candleTime: candles.length ? new Date(candles[candles.length - 1]!.t) : null,
      status: result.status,
      error: result.error,
      prompt,
      rawResponse: result.raw,
      promptTokens: result.promptTokens,
      completionTokens: result.completionTokens,
      costUsd: result.costUsd,
      latencyMs: result.latencyMs,
    });
    out.push({ decision, userIds: group.userIds });
  }
  return { decisions: out, providerCalls };
}
