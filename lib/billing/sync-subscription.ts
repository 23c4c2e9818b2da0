import "server-only";
// Mirror one Stripe subscription into MySQL, re-read from Stripe (never from the event body), and derive the
// user's plan from all their subscriptions. Safe to run any number of times, in any order.
import { and, eq, isNull } from "drizzle-orm";
import type Stripe from "stripe";
import { db } from "@/db";
import { SUBSCRIPTION_STATUSES, subscriptions, users } from "@/db/schema";
import { applyLivePause } from "@/lib/billing/apply-live-pause";
import { grantedPlan } from "@/lib/billing/status";
import { planForPriceId, stripe } from "@/lib/billing/stripe";
import { getLogger } from "@/lib/log";

const log = getLogger("billing");

/** Thrown when a subscription cannot be tied to a Tickpilot user (the job is not retried). */
export class UnknownCustomerError extends Error {
  override name = "UnknownCustomerError";
}

const idOf = (v: string | { id: string } | null | undefined) => (typeof v === "string" ? v : (v?.id ?? null));
const toDate = (unix: number | null | undefined) => (unix ? new Date(unix * 1000) : null);

// Find the user by Stripe customer; a checkout's client_reference_id / metadata links a customer made elsewhere.
async function resolveUserId(customerId: string, hintUserId: number | null): Promise<number> {
  const [byCustomer] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.stripeCustomerId, customerId))
    .limit(1);
  if (byCustomer) return byCustomer.id;
  if (hintUserId) {
    await db
      .update(users)
      .set({ stripeCustomerId: customerId })
      .where(and(eq(users.id, hintUserId), isNull(users.stripeCustomerId)));
    const [linked] = await db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, hintUserId), eq(users.stripeCustomerId, customerId)))
      .limit(1);
    if (linked) return linked.id;
  }
  throw new UnknownCustomerError(`No user for Stripe customer ${customerId}`);
}

// The local row for a Stripe subscription.
function toRow(sub: Stripe.Subscription, userId: number, customerId: string) {
  const status = SUBSCRIPTION_STATUSES.find((s) => s === sub.status);
  if (!status) throw new Error(`Unknown Stripe subscription status ${sub.status}`);
  const item = sub.items?.data?.[0];
  const priceId = item?.price?.id ?? null;
  const plan = planForPriceId(priceId);
  if (!plan)
    log.warn(
      { subscriptionId: sub.id, priceId },
      "subscription price is not a configured plan; it grants nothing",
    );
  return {
    userId,
    stripeCustomerId: customerId,
    stripeSubscriptionId: sub.id,
    stripePriceId: priceId,
    plan: plan ?? ("free" as const),
    status,
    currentPeriodEnd: toDate(item?.current_period_end ?? sub.cancel_at),
    cancelAtPeriodEnd: Boolean(sub.cancel_at_period_end || sub.cancel_at),
    canceledAt: toDate(sub.canceled_at ?? sub.ended_at),
  };
}

/** Re-read subscription `subscriptionId` from Stripe, upsert it, set the user's plan, pause or resume live trading. */
export async function syncSubscription(
  subscriptionId: string,
  hintUserId: number | null = null,
): Promise<void> {
  const first = await stripe().subscriptions.retrieve(subscriptionId);
  const customerId = idOf(first.customer)!;
  const metaUser = Number(first.metadata?.userId);
  const userId = await resolveUserId(
    customerId,
    hintUserId ?? (Number.isSafeInteger(metaUser) ? metaUser : null),
  );

  const change = await db.transaction(async (tx) => {
    // Serialise per user, then read Stripe again under the lock: of two concurrent jobs, the one that writes
    // last also read last, so the stored state is never older than what another job already wrote.
    await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for("update");
    const row = toRow(await stripe().subscriptions.retrieve(subscriptionId), userId, customerId);
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
  await applyLivePause(userId, { subscriptionId, prevStatus: change.prevStatus, status: change.status });
}
