// The decision every provider must produce, validated with zod (LLM output is untrusted input).
import { z } from "zod";

export const ACTIONS = ["buy", "sell", "close", "hold"] as const;
export type Action = (typeof ACTIONS)[number];

/** What is sent to the LLM as the structured-output schema (strict mode: every field required). */
export const wireDecisionSchema = z.object({
  action: z.enum(ACTIONS),
  confidence: z.number(),
  leverage: z.number(),
  stop_loss: z.number(),
  take_profit: z.number(),
  reason: z.string(),
});

/** What we accept: the same shape with every range checked. */
export const decisionSchema = z.object({
  action: z.enum(ACTIONS),
  confidence: z.number().min(0, "confidence must be ≥ 0").max(1, "confidence must be ≤ 1"),
  leverage: z.number().int("leverage must be a whole number").min(1).max(125),
  stop_loss: z.number().gt(0, "stop_loss must be > 0").max(0.5, "stop_loss must be ≤ 0.5 (50 %)"),
  take_profit: z.number().gt(0, "take_profit must be > 0").max(2, "take_profit must be ≤ 2 (200 %)"),
  reason: z.string().trim().min(1, "reason is required").max(2000),
});
export type DecisionOutput = z.infer<typeof decisionSchema>;

/** A hold with the cause, for anything invalid, late or failed. */
export function holdDecision(reason: string): DecisionOutput {
  return { action: "hold", confidence: 0, leverage: 1, stop_loss: 0.01, take_profit: 0.02, reason };
}
