import "server-only";
// Mirror one Stripe subscription into MySQL, re-read from Stripe (never from the event body), and derive the
// user's plan from all their subscriptions. Safe to run any number of times, in any order. The user is found by
// the Stripe customer alone: customers are linked only by us (created here, or by a Checkout Session we created),
// so a subscription's metadata never decides whose it is.
import { eq } from "drizzle-orm";
import { db } from "@/db";
import { subscriptions, users } from "@/db/schema";
import { applyLivePause } from "@/lib/billing/apply-live-pause";
import { cancelDuplicateSubscriptions } from "@/lib/billing/duplicates";
import { grantedPlan } from "@/lib/billing/status";
import { stripe } from "@/lib/billing/stripe";
import { idOf, subscriptionRow } from "@/lib/billing/subscription-row";
import { getLogger } from "@/lib/log";
import { notify } from "@/lib/notify/notify";

const log = getLogger("billing");

/** Thrown when a subscription cannot be tied to a Tickpilot user (the job is not retried). */
export class UnknownCustomerError extends Error {
  override name = "UnknownCustomerError";
}

// The user whose Stripe customer this is; a customer we never linked belongs to nobody here.
async function userForCustomer(customerId: string): Promise<number> {
  const [byCustomer] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.stripeCustomerId, customerId))
    .limit(1);
  if (byCustomer) return byCustomer.id;
  throw new UnknownCustomerError(`No user for Stripe customer ${customerId}`);
}

/**
 * Re-read subscription `subscriptionId` from Stripe, upsert it, set the user's plan, cancel a second paid
 * subscription of the same user, then pause or resume live trading.
 */
export async function syncSubscription(subscriptionId: string): Promise<void> {
  const first = await stripe().subscriptions.retrieve(subscriptionId);
  const customerId = idOf(first.customer)!;
  const userId = await userForCustomer(customerId);

  const change = await db.transaction(async (tx) => {
    // Serialise per user, then read Stripe again under the lock: of two concurrent jobs, the one that writes
    // last also read last, so the stored state is never older than what another job already wrote.
    await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for("update");
    const row = subscriptionRow(await stripe().subscriptions.retrieve(subscriptionId), userId, customerId);
    const [prev] = await tx
      .select({ status: subscriptions.status })
      .from(subscriptions)
      .where(eq(subscriptions.stripeSubscriptionId, row.stripeSubscriptionId));
    const { stripeSubscriptionId: _key, ...update } = row;
    void _key;
    await tx.insert(subscriptions).values(row).onDuplicateKeyUpdate({ set: update });
    const all = await tx
      .select({ plan: subscriptions.plan, status: subscriptions.status })
      .from(subscriptions)
      .where(eq(subscriptions.userId, userId));
    const nextPlan = grantedPlan(all);
    await tx.update(users).set({ plan: nextPlan }).where(eq(users.id, userId));
    return { prevStatus: prev?.status ?? null, status: row.status, plan: nextPlan };
  });
  log.info({ userId, subscriptionId, status: change.status, plan: change.plan }, "subscription synced");
  await cancelDuplicateSubscriptions(userId);
  await applyLivePause(userId, { subscriptionId, prevStatus: change.prevStatus, status: change.status });
  await notify({ type: "billing", userId, subscriptionId, status: change.status, plan: change.plan });
}
