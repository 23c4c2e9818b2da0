import "server-only";
// Accept a Stripe webhook: verify the signature on the raw body, record the event id once, enqueue its job.
import { eq } from "drizzle-orm";
import { db } from "@/db";
import { stripeEvents } from "@/db/schema";
import { AppError } from "@/lib/api/errors";
import { billingEnabled } from "@/lib/billing/config";
import { enqueueStripeEvent } from "@/lib/billing/queue";
import { stripe } from "@/lib/billing/stripe";
import { env } from "@/lib/env";
import { getLogger } from "@/lib/log";

const log = getLogger("billing");

/** Verify and record one delivery. A bad or missing signature throws a 400 and changes nothing. */
export async function receiveWebhook(
  rawBody: string,
  signature: string | null,
): Promise<{ received: true; duplicate: boolean }> {
  if (!billingEnabled() || !env.STRIPE_WEBHOOK_SECRET) {
    throw new AppError("not_found", "Billing is off on this installation");
  }
  if (!signature) throw new AppError("bad_request", "Missing Stripe-Signature header");
  let event: { id: string; type: string };
  try {
    event = stripe().webhooks.constructEvent(rawBody, signature, env.STRIPE_WEBHOOK_SECRET);
  } catch {
    log.warn("stripe webhook with an invalid signature refused");
    throw new AppError("bad_request", "Invalid Stripe signature");
  }
  const [res] = await db
    .insert(stripeEvents)
    .ignore()
    .values({ eventId: event.id, type: event.type.slice(0, 100) });
  const duplicate = res.affectedRows === 0;
  if (duplicate) {
    const [row] = await db
      .select({ status: stripeEvents.status })
      .from(stripeEvents)
      .where(eq(stripeEvents.eventId, event.id));
    // Already done: nothing to do. Still pending or failed: make sure a job exists (the first enqueue may have failed).
    if (row?.status === "processed" || row?.status === "ignored") return { received: true, duplicate };
  }
  await enqueueStripeEvent(event.id);
  log.info({ eventId: event.id, type: event.type, duplicate }, "stripe event received");
  return { received: true, duplicate };
}
