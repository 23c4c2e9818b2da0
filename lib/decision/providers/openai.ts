import "server-only";
// The OpenAI provider: the openai v6 SDK with structured outputs, bounded answer length, a timeout, bounded
// retries and the tick's deadline as an abort signal. Works with any OpenAI-compatible server through
// OPENAI_BASE_URL. Every failure comes back as a recorded hold, never a throw.
import OpenAI from "openai";
import { zodResponseFormat } from "openai/helpers/zod";
import { env } from "@/lib/env";
import { decisionSchema, holdDecision, wireDecisionSchema } from "../schema";
import type { ProviderResult } from "./types";

let client: OpenAI | undefined;
function openai(): OpenAI {
  return (client ??= new OpenAI({
    apiKey: env.OPENAI_API_KEY ?? "not-set",
    baseURL: env.OPENAI_BASE_URL,
    timeout: env.OPENAI_TIMEOUT_MS,
    maxRetries: env.OPENAI_MAX_RETRIES,
  }));
}

/** One chat completion: static system prompt first (cacheable), then the group's data. */
export interface ModelCall {
  system: string;
  prompt: string;
  model: string;
  /** Aborts the call (and its retries) when the tick's time budget runs out. */
  signal?: AbortSignal;
}

const RESPONSE_FORMAT = zodResponseFormat(wireDecisionSchema, "decision");

/** Ask the model for one decision; a refusal, invalid JSON, a schema violation or an error → hold. */
export async function openaiDecision(call: ModelCall): Promise<ProviderResult> {
  const start = performance.now();
  const empty = { prompt: 0, cached: 0, completion: 0 };
  try {
    const res = await openai().chat.completions.create(
      {
        model: call.model,
        temperature: 0.2,
        max_completion_tokens: env.OPENAI_MAX_COMPLETION_TOKENS,
        messages: [
          { role: "system", content: call.system },
          { role: "user", content: call.prompt },
        ],
        response_format: RESPONSE_FORMAT,
      },
      { signal: call.signal },
    );
    const latencyMs = Math.round(performance.now() - start);
    const usage = {
      prompt: res.usage?.prompt_tokens ?? 0,
      cached: res.usage?.prompt_tokens_details?.cached_tokens ?? 0,
      completion: res.usage?.completion_tokens ?? 0,
    };
    const choice = res.choices[0];
    const meta = { usage, latencyMs };
    if (choice?.message?.refusal) {
      const text = choice.message.refusal.slice(0, 2000);
      return {
        ...meta,
        raw: text,
        status: "skipped",
        error: `the model refused: ${text.slice(0, 200)}`,
        decision: holdDecision("The model declined to decide: holding."),
      };
    }
    const raw = choice?.message?.content ?? null;
    const invalid = (error: string, reason: string) => ({
      ...meta,
      raw,
      status: "invalid" as const,
      error,
      decision: holdDecision(`Invalid answer from the model (${reason}): holding.`),
    });
    if (choice?.finish_reason === "length")
      return invalid(
        `the answer was cut off at max_completion_tokens (${env.OPENAI_MAX_COMPLETION_TOKENS})`,
        "cut off",
      );
    let json: unknown;
    try {
      json = JSON.parse(raw ?? "");
    } catch {
      return invalid("the model's answer is not valid JSON", "not JSON");
    }
    const parsed = decisionSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const error = `schema violation at ${issue?.path.join(".") || "(root)"}: ${issue?.message ?? "invalid"}`;
      return invalid(error, error);
    }
    return { ...meta, raw, status: "ok", error: null, decision: parsed.data };
  } catch (err) {
    const error = describeError(err);
    return {
      usage: empty,
      latencyMs: Math.round(performance.now() - start),
      raw: null,
      status: "failed",
      error,
      decision: holdDecision(`Decision provider failed (${error}): holding.`),
    };
  }
}

function describeError(err: unknown): string {
  if (err instanceof OpenAI.APIUserAbortError) return "the tick's time budget ran out";
  if (err instanceof OpenAI.APIConnectionTimeoutError) return "timed out";
  if (err instanceof OpenAI.APIConnectionError) return "could not reach the model server";
  if (err instanceof OpenAI.APIError) return `model server answered HTTP ${err.status ?? "error"}`;
  return err instanceof Error ? err.message.slice(0, 200) : "unknown error";
}
