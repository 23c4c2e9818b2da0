import "server-only";
// The OpenAI provider: the openai v6 SDK with structured outputs, a timeout and bounded retries. Works with any
// OpenAI-compatible server through OPENAI_BASE_URL. Every failure comes back as a recorded hold, never a throw.
import OpenAI from "openai";
import { zodResponseFormat } from "openai/helpers/zod";
import { env } from "@/lib/env";
import { SYSTEM_PROMPT } from "../build-prompt";
import { decisionSchema, holdDecision, wireDecisionSchema, type DecisionOutput } from "../schema";

export interface ProviderResult {
  decision: DecisionOutput;
  status: "ok" | "invalid" | "failed";
  error: string | null;
  raw: string | null;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
  latencyMs: number;
}

let client: OpenAI | undefined;
function openai(): OpenAI {
  return (client ??= new OpenAI({
    apiKey: env.OPENAI_API_KEY ?? "not-set",
    baseURL: env.OPENAI_BASE_URL,
    timeout: env.OPENAI_TIMEOUT_MS,
    maxRetries: env.OPENAI_MAX_RETRIES,
  }));
}

/** Estimated USD cost of a call from its token counts. */
export function estimateCost(promptTokens: number, completionTokens: number): number {
  const usd =
    (promptTokens * env.OPENAI_PRICE_INPUT_PER_MTOK + completionTokens * env.OPENAI_PRICE_OUTPUT_PER_MTOK) /
    1e6;
  return Math.round(usd * 1e6) / 1e6;
}

/** Ask the model for one decision; invalid JSON, a schema violation, a timeout or an HTTP error → hold. */
export async function openaiDecision(
  prompt: string,
  model: string,
  leverageCap: number,
): Promise<ProviderResult> {
  const start = performance.now();
  const base = { promptTokens: 0, completionTokens: 0, costUsd: 0, raw: null as string | null };
  try {
    const res = await openai().chat.completions.create({
      model,
      temperature: 0.2,
      messages: [
        { role: "system", content: SYSTEM_PROMPT },
        { role: "user", content: prompt },
      ],
      response_format: zodResponseFormat(wireDecisionSchema, "decision"),
    });
    const latencyMs = Math.round(performance.now() - start);
    const promptTokens = res.usage?.prompt_tokens ?? 0;
    const completionTokens = res.usage?.completion_tokens ?? 0;
    const raw = res.choices[0]?.message?.content ?? null;
    const meta = {
      promptTokens,
      completionTokens,
      costUsd: estimateCost(promptTokens, completionTokens),
      raw,
      latencyMs,
    };
    let json: unknown;
    try {
      json = JSON.parse(raw ?? "");
    } catch {
      return {
        ...meta,
        status: "invalid",
        error: "the model's answer is not valid JSON",
        decision: holdDecision("Invalid answer from the model (not JSON): holding."),
      };
    }
    const parsed = decisionSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const error = `schema violation at ${issue?.path.join(".") || "(root)"}: ${issue?.message ?? "invalid"}`;
      return {
        ...meta,
        status: "invalid",
        error,
        decision: holdDecision(`Invalid answer from the model (${error}): holding.`),
      };
    }
    const decision = { ...parsed.data, leverage: Math.min(parsed.data.leverage, leverageCap) };
    return { ...meta, status: "ok", error: null, decision };
  } catch (err) {
    const latencyMs = Math.round(performance.now() - start);
    const error = describeError(err);
    return {
      ...base,
      latencyMs,
      status: "failed",
      error,
      decision: holdDecision(`Decision provider failed (${error}): holding.`),
    };
  }
}

function describeError(err: unknown): string {
  if (err instanceof OpenAI.APIConnectionTimeoutError) return "timed out";
  if (err instanceof OpenAI.APIConnectionError) return "could not reach the model server";
  if (err instanceof OpenAI.APIError) return `model server answered HTTP ${err.status ?? "error"}`;
  return err instanceof Error ? err.message.slice(0, 200) : "unknown error";
}
