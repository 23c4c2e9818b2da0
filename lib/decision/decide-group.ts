// One decision group's decision from a market view (no I/O of its own): the built-in strategy, or the prompt
// and a model call supplied by the caller (the live OpenAI client, or a backtest's cached answers); then the
// same leverage clamp and sanity bounds for every provider. The live tick and the backtester both call this.
import { createHash } from "node:crypto";
import { buildPrompt, systemPrompt, type RiskLevel } from "./build-prompt";
import { volatilityFraction, type MarketView } from "./market-view";
import type { ModelCall } from "./providers/openai";
import { builtinDecision } from "./providers/builtin";
import type { ProviderResult } from "./providers/types";
import { finalizeDecision, minStopFraction } from "./sanity";

/** Leverage a group may be offered, by risk level (each user is clamped again at execution). */
export const RISK_LEVERAGE_CAP: Record<RiskLevel, number> = { low: 3, medium: 5, high: 10 };

/** Per-side trading costs as fractions of notional (taker fee, slippage). */
export interface TradingCosts {
  fees: number;
  slippage: number;
}

/** Everything a group's decision depends on besides the group itself. */
export interface DecideContext {
  symbol: string;
  tickTime: number;
  view: MarketView;
  provider: "builtin" | "openai";
  model: string;
  costs: TradingCosts;
}

/** The group's parameters. */
export interface GroupSpec {
  riskLevel: RiskLevel;
  customPrompt: string | null;
}

/** A group's decision with the prompt that produced it (null for the built-in strategy). */
export interface GroupOutcome extends ProviderResult {
  prompt: string | null;
  /** SHA-256 of system prompt + user message + model: the key a backtest caches answers under. */
  promptSha: string | null;
}

/** Asks a model (the live client, or a cache in front of it). */
export type CallModel = (call: ModelCall) => Promise<ProviderResult>;

/** SHA-256 of model + system prompt + user message: the key a backtest caches a model's answer under. */
export function promptShaOf(call: Pick<ModelCall, "model" | "system" | "prompt">): string {
  return createHash("sha256").update(`${call.model}\n${call.system}\n${call.prompt}`).digest("hex");
}

/** Round-trip cost of a position as a fraction of notional. */
export const roundTrip = (c: TradingCosts) => 2 * (c.fees + c.slippage);

/** Decide for one group: provider → leverage clamp → sanity bounds (unsafe answers become recorded holds). */
export async function decideGroup(
  ctx: DecideContext,
  group: GroupSpec,
  callModel: CallModel,
  signal?: AbortSignal,
): Promise<GroupOutcome> {
  const leverageCap = RISK_LEVERAGE_CAP[group.riskLevel];
  const sanity = {
    roundTripCost: roundTrip(ctx.costs),
    volatility: volatilityFraction(ctx.view),
    leverageCap,
  };
  const minStop = minStopFraction(sanity);
  let result: ProviderResult;
  let prompt: string | null = null;
  let promptSha: string | null = null;
  if (ctx.provider === "builtin") {
    const start = performance.now();
    const decision = builtinDecision(ctx.view, group.riskLevel, leverageCap, minStop, sanity.roundTripCost);
    result = {
      decision,
      status: "ok",
      error: null,
      raw: JSON.stringify(decision),
      usage: { prompt: 0, cached: 0, completion: 0 },
      latencyMs: Math.round(performance.now() - start),
    };
  } else {
    const system = systemPrompt(ctx.costs);
    prompt = buildPrompt({
      symbol: ctx.symbol,
      tickTime: ctx.tickTime,
      view: ctx.view,
      riskLevel: group.riskLevel,
      leverageCap,
      minStop,
      customPrompt: group.customPrompt,
    });
    promptSha = promptShaOf({ model: ctx.model, system, prompt });
    result = await callModel({ system, prompt, model: ctx.model, signal });
  }
  if (result.status !== "ok") return { ...result, prompt, promptSha };
  const { decision, violation } = finalizeDecision(result.decision, sanity);
  return {
    ...result,
    decision,
    status: violation ? "invalid" : "ok",
    error: violation ? `unsafe answer: ${violation}` : null,
    prompt,
    promptSha,
  };
}
