import "server-only";
// Process one recorded Stripe event: re-read the event and its subscription from Stripe (arrival order and the
// delivered body are never trusted), sync it, and mark the event processed exactly once. A customer is linked to
// a user only by a completed Checkout Session this installation created for that user; events about anything
// else (another app's customers on the same Stripe account) are recorded as ignored, with the reason.
import { and, eq, inArray, isNull } from "drizzle-orm";
import type Stripe from "stripe";
import { db } from "@/db";
import { stripeEvents, users } from "@/db/schema";
import { findCheckoutSession, markCheckoutComplete } from "@/lib/billing/checkout-sessions";
import { stripe } from "@/lib/billing/stripe";
import { idOf } from "@/lib/billing/subscription-row";
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

/** Thrown for an event that is not ours to act on; its message is stored on the event row. */
class NotOursError extends Error {}

// A completed Checkout Session: ours (stored when created) and paid on the customer we created it with, whose
// link to the user is then made if it was missing. Returns the subscription to sync.
async function completedCheckout(sessionId: string): Promise<string | null> {
  const session = await stripe().checkout.sessions.retrieve(sessionId);
  const subId = idOf(session.subscription);
  if (session.mode !== "subscription" || !subId) return null;
  const ours = await findCheckoutSession(session.id);
  if (!ours) throw new NotOursError(`Checkout session ${session.id} was not created by this installation`);
  const customer = idOf(session.customer);
  if (customer !== ours.stripeCustomerId)
    throw new NotOursError(`Checkout session ${session.id} was completed on another customer`);
  await db
    .update(users)
    .set({ stripeCustomerId: customer })
    .where(and(eq(users.id, ours.userId), isNull(users.stripeCustomerId)));
  const [linked] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, ours.userId), eq(users.stripeCustomerId, customer)));
  if (!linked) throw new NotOursError(`Checkout session ${session.id}: its user has another Stripe customer`);
  await markCheckoutComplete(ours);
  return subId;
}

// The subscription an event is about, re-read from Stripe where it matters.
async function subscriptionOf(event: Stripe.Event): Promise<string | null> {
  const object = event.data.object as { id: string };
  switch (event.type) {
    case "checkout.session.completed":
      return completedCheckout(object.id);
    case "customer.subscription.created":
    case "customer.subscription.updated":
    case "customer.subscription.deleted":
      return object.id;
    case "invoice.payment_failed":
    case "invoice.paid": {
      const invoice = event.data.object as Stripe.Invoice & { subscription?: string | { id: string } | null };
      return idOf(invoice.parent?.subscription_details?.subscription ?? invoice.subscription);
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
  let status: "processed" | "ignored" = "ignored";
  let note: string | null = null;
  try {
    const target = (HANDLED_EVENTS as readonly string[]).includes(event.type)
      ? await subscriptionOf(event)
      : null;
    if (target) {
      await syncSubscription(target);
      status = "processed";
    }
  } catch (err) {
    // A customer or session that is not one of ours: nothing to change here, and nothing to retry.
    if (!(err instanceof UnknownCustomerError || err instanceof NotOursError)) throw err;
    note = err.message;
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
