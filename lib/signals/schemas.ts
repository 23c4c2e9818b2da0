// Inputs of the signal-source routes (zod), shared by the routes and the signals page.
import { z } from "zod";
import { FOLLOW_MODES } from "@/db/schema/trading";

/** A source's name: what the user calls the script or alert that sends to it. */
export const sourceNameSchema = z.object({
  name: z
    .string({ error: "Name is required" })
    .trim()
    .min(1, "Name is required")
    .max(64, "Name must be at most 64 characters"),
});

/** PUT /api/signal-follow. */
export const followModeSchema = z.object({
  symbol: z
    .string({ error: "Symbol is required" })
    .regex(/^[A-Z0-9]{2,32}$/, "Symbol must look like BTCUSDT"),
  mode: z.enum(FOLLOW_MODES, { error: "Follow mode must be shared, signals or both" }),
});

/** `[token]` of the webhook URL: any short string (an unknown one is a 404 from the handler, not a 400). */
export const tokenParams = z.object({ token: z.string().max(128) });

/** Why a plan may not manage signal sources, or null when it may. */
export function signalsPlanRefusal(access: { plan: { name: string; signals: boolean } }): string | null {
  return access.plan.signals
    ? null
    : `Signal webhooks are part of the Pro and Elite plans (you are on ${access.plan.name}). Upgrade to create a signal source.`;
}
