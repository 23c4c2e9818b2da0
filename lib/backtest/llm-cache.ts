import "server-only";
// The model caller of LLM backtests: every answer is kept in MySQL by prompt hash, so asking the same prompt
// again (a rerun, another user's run over the same candles) costs nothing; new calls are priced and stop
// before the run's budget would be exceeded. Failed calls (timeouts, HTTP errors) are not kept: a rerun asks.
import { eq } from "drizzle-orm";
import { db } from "@/db";
import { llmAnswers } from "@/db/schema";
import { promptShaOf, type CallModel } from "@/lib/decision/decide-group";
import { costOf, type ModelPrice } from "@/lib/decision/prices";
import { openaiDecision } from "@/lib/decision/providers/openai";
import { notAsked, type ProviderResult } from "@/lib/decision/providers/types";
import { decisionSchema, holdDecision } from "@/lib/decision/schema";

/** What an LLM backtest spent so far; `stopped` says why it ended early. */
export interface LlmSpend {
  maxCostUsd: number;
  costUsd: number;
  calls: number;
  cached: number;
  stopped: string | null;
}

/** A typical call (≈ 1,100 prompt and 100 answer tokens), for the check before the first one. */
const TYPICAL_CALL = { prompt: 1_100, cached: 0, completion: 100 };

/** A cache-first, budgeted model caller for one backtest run. */
export function budgetedModelCall(opts: {
  price: ModelPrice;
  maxCostUsd: number;
  /** The real model call (the live OpenAI client by default). */
  ask?: CallModel;
  onSpend?: (spend: LlmSpend) => void;
}): { callModel: CallModel; spend: LlmSpend } {
  const ask = opts.ask ?? openaiDecision;
  const spend: LlmSpend = { maxCostUsd: opts.maxCostUsd, costUsd: 0, calls: 0, cached: 0, stopped: null };
  let largest = costOf(TYPICAL_CALL, opts.price);
  const callModel: CallModel = async (call) => {
    const sha = promptShaOf(call);
    const [hit] = await db.select().from(llmAnswers).where(eq(llmAnswers.promptSha, sha)).limit(1);
    const decision = hit ? decisionSchema.safeParse(hit.decision) : null;
    if (hit && decision?.success) {
      spend.cached += 1;
      opts.onSpend?.(spend);
      return {
        decision: decision.data,
        status: hit.status,
        error: hit.error,
        raw: hit.rawResponse,
        usage: { prompt: 0, cached: 0, completion: 0 },
        latencyMs: 0,
      };
    }
    if (spend.stopped || spend.costUsd + largest > spend.maxCostUsd) {
      spend.stopped ??= `The budget of $${spend.maxCostUsd.toFixed(2)} was reached after ${spend.calls} model calls ($${spend.costUsd.toFixed(4)} spent).`;
      return notAsked("skipped", spend.stopped, holdDecision);
    }
    const result: ProviderResult = await ask(call);
    const cost = costOf(result.usage, opts.price);
    spend.calls += 1;
    spend.costUsd = Math.round((spend.costUsd + cost) * 1e6) / 1e6;
    largest = Math.max(largest, cost);
    if (result.status !== "failed") {
      await db
        .insert(llmAnswers)
        .values({
          promptSha: sha,
          model: call.model,
          status: result.status,
          decision: result.decision,
          error: result.error,
          rawResponse: result.raw,
          promptTokens: result.usage.prompt,
          cachedTokens: result.usage.cached,
          completionTokens: result.usage.completion,
          costUsd: cost,
        })
        .onDuplicateKeyUpdate({ set: { promptSha: sha } });
    }
    opts.onSpend?.(spend);
    return result;
  };
  return { callModel, spend };
}
