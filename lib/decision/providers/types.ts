// What every decision provider returns (built-in strategy, OpenAI, a backtest's cached LLM answers).
import type { TokenUsage } from "../prices";
import type { DecisionOutput } from "../schema";

/** One provider answer: the decision (a hold with the cause when anything went wrong) and what it cost. */
export interface ProviderResult {
  decision: DecisionOutput;
  /** ok · invalid (bad or unsafe answer) · failed (error, timeout) · skipped (refused, or not asked). */
  status: "ok" | "invalid" | "failed" | "skipped";
  error: string | null;
  raw: string | null;
  usage: TokenUsage;
  latencyMs: number;
}

/** A result made without asking any provider (stale data, budget spent, safe mode, abandoned tick). */
export function notAsked(
  status: ProviderResult["status"],
  reason: string,
  hold: (reason: string) => DecisionOutput,
): ProviderResult {
  return {
    decision: hold(reason),
    status,
    error: reason,
    raw: null,
    usage: { prompt: 0, cached: 0, completion: 0 },
    latencyMs: 0,
  };
}
