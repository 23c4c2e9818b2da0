import "server-only";
// Process one recorded Stripe event: re-read the event and its subscription from Stripe (arrival order and the
// delivered body are never trusted), sync it, and mark the event processed exactly once.
import { and, eq, inArray } from "drizzle-orm";
import type Stripe from "stripe";
import { db } from "@/db";
import { stripeEvents } from "@/db/schema";
import { stripe } from "@/lib/billing/stripe";
import { syncSubscription, UnknownCustomerError } from "@/lib/billing/sync-subscription";

/** Event types that change a subscription; anything else is recorded as ignored. */
export const HANDLED_EVENTS = [
  "checkout.session.completed",
  "customer.subscription.created",
  "customer.subscription.updated",
  "customer.subscription.deleted",
  "invoice.payment_failed",
  "invoice.paid",
] as const;

const idOf = (v: string | { id: string } | null | undefined) => (typeof v === "string" ? v : (v?.id ?? null));

// The subscription an event is about (and the user a checkout names), re-read from Stripe where it matters.
async function subscriptionOf(event: Stripe.Event): Promise<{ id: string; userId: number | null } | null> {
  const object = event.data.object as { id: string };
  switch (event.type) {
    case "checkout.session.completed": {
      const session = await stripe().checkout.sessions.retrieve(object.id);
      const subId = idOf(session.subscription);
      if (session.mode !== "subscription" || !subId) return null;
      const userId = Number(session.client_reference_id ?? session.metadata?.userId);
      return { id: subId, userId: Number.isSafeInteger(userId) && userId > 0 ? userId : null };
    }
    case "customer.subscription.created":
    case "customer.subscription.updated":
    case "customer.subscription.deleted":
      return { id: object.id, userId: null };
    case "invoice.payment_failed":
    case "invoice.paid": {
      const invoice = event.data.object as Stripe.Invoice & { subscription?: string | { id: string } | null };
      const subId = idOf(invoice.parent?.subscription_details?.subscription ?? invoice.subscription);
      return subId ? { id: subId, userId: null } : null;
    }
    default:
      return null;
  }
}

/** Process event `eventId` if it has not been processed yet; returns what happened. */
export async function processStripeEvent(eventId: string): Promise<"processed" | "ignored" | "skipped"> {
  const [row] = await db.select().from(stripeEvents).where(eq(stripeEvents.eventId, eventId));
  if (!row) throw new Error(`stripe event ${eventId} was never recorded`);
  if (row.status === "processed" || row.status === "ignored") return "skipped";
  const event = await stripe().events.retrieve(eventId);
  const target = (HANDLED_EVENTS as readonly string[]).includes(event.type)
    ? await subscriptionOf(event)
    : null;
  let status: "processed" | "ignored" = target ? "processed" : "ignored";
  let note: string | null = null;
  if (target) {
    try {
      await syncSubscription(target.id, target.userId);
    } catch (err) {
      // A customer that is not one of ours (another app on the same Stripe account): nothing to change here.
      if (!(err instanceof UnknownCustomerError)) throw err;
      status = "ignored";
      note = err.message;
    }
  }
  await db
    .update(stripeEvents)
    .set({ status, error: note, processedAt: new Date() })
    .where(and(eq(stripeEvents.eventId, eventId), inArray(stripeEvents.status, ["received", "failed"])));
  return status;
}

/** Record a permanent failure (after the last retry) on the event row. */
export async function markStripeEventFailed(eventId: string, message: string): Promise<void> {
  await db
    .update(stripeEvents)
    .set({ status: "failed", error: message.slice(0, 2000) })
    .where(and(eq(stripeEvents.eventId, eventId), eq(stripeEvents.status, "received")));
}
