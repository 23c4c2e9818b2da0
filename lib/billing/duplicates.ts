import "server-only";
// Nobody pays twice: when a user has more than one live paid subscription (two Checkout Sessions paid in
// different tabs, a plan bought again from a payment link, …), the first one is kept and every later one is
// cancelled at Stripe with what it charged since the kept one started refunded in full, with an audit entry and
// a notice on the billing page.
import { and, eq, inArray, isNull, ne } from "drizzle-orm";
import Stripe from "stripe";
import { db } from "@/db";
import { subscriptions, users } from "@/db/schema";
import { audit } from "@/lib/audit";
import { grantedPlan, PLAN_KEEPING_STATUSES } from "@/lib/billing/status";
import { stripe } from "@/lib/billing/stripe";
import { idOf, subscriptionRow } from "@/lib/billing/subscription-row";
import { getLogger } from "@/lib/log";

const log = getLogger("billing");

const keeping = (status: string) => (PLAN_KEEPING_STATUSES as readonly string[]).includes(status);

// Refund every invoice of `sub` paid since `since` (the kept subscription's start: what was charged twice).
// Idempotency keys per invoice payment make a retried job get the same refund back instead of a second one; one
// refunded by hand meanwhile counts as refunded.
async function refundSubscription(sub: Stripe.Subscription, userId: number, since: number) {
  let amount = 0;
  let currency = sub.currency;
  const invoices = await stripe().invoices.list({ subscription: sub.id, status: "paid", limit: 24 });
  for (const invoice of invoices.data) {
    if (!invoice.amount_paid || !invoice.id || invoice.created < since) continue;
    const payments = await stripe().invoicePayments.list({ invoice: invoice.id, status: "paid", limit: 10 });
    for (const paid of payments.data) {
      const target = paid.payment.payment_intent
        ? { payment_intent: idOf(paid.payment.payment_intent)! }
        : paid.payment.charge
          ? { charge: idOf(paid.payment.charge)! }
          : null;
      if (!target) continue;
      try {
        const refund = await stripe().refunds.create(
          { ...target, reason: "duplicate", metadata: { userId: String(userId), subscription: sub.id } },
          { idempotencyKey: `tickpilot-duplicate-refund-${paid.id}` },
        );
        amount += refund.amount;
        currency = refund.currency;
      } catch (err) {
        const done =
          err instanceof Stripe.errors.StripeInvalidRequestError && err.code === "charge_already_refunded";
        if (!done) throw err;
        amount += paid.amount_paid ?? 0;
      }
    }
  }
  return { amount, currency };
}

/** Cancel (after refunding) every live paid subscription of `userId` but the first; returns how many. */
export async function cancelDuplicateSubscriptions(userId: number): Promise<number> {
  const live = and(
    eq(subscriptions.userId, userId),
    inArray(subscriptions.status, [...PLAN_KEEPING_STATUSES]),
    ne(subscriptions.plan, "free"),
    isNull(subscriptions.duplicateOf),
  );
  const candidates = await db.select({ id: subscriptions.id }).from(subscriptions).where(live);
  if (candidates.length < 2) return 0;
  return db.transaction(async (tx) => {
    // One job per user at a time: a concurrent sync of the other subscription waits and then finds it cancelled.
    await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for("update");
    const rows = await tx.select().from(subscriptions).where(live);
    const current: Stripe.Subscription[] = [];
    for (const row of rows) {
      const sub = await stripe().subscriptions.retrieve(row.stripeSubscriptionId);
      if (keeping(sub.status)) current.push(sub);
    }
    if (current.length < 2) return 0;
    // Keep one in good standing (not past due), the first one made: the one the user has been on. A past-due
    // one next to a paid one is cancelled too (so it stops trying to charge), its older invoices not refunded.
    const standing = (s: Stripe.Subscription) => (s.status === "past_due" ? 1 : 0);
    current.sort((a, b) => standing(a) - standing(b) || a.created - b.created || a.id.localeCompare(b.id));
    const [kept, ...extras] = current;
    for (const extra of extras) {
      const refund = await refundSubscription(extra, userId, kept!.created);
      const cancelled = await stripe().subscriptions.cancel(extra.id, {
        prorate: false,
        invoice_now: false,
        cancellation_details: { comment: `Duplicate of ${kept!.id}: cancelled and refunded by Tickpilot` },
      });
      const row = subscriptionRow(cancelled, userId, idOf(cancelled.customer)!);
      await tx
        .update(subscriptions)
        .set({
          ...row,
          duplicateOf: kept!.id,
          refundedAmount: refund.amount,
          refundCurrency: refund.currency.slice(0, 3),
        })
        .where(eq(subscriptions.stripeSubscriptionId, extra.id));
      await audit(
        {
          actorId: null,
          targetUserId: userId,
          action: "billing.duplicate_cancelled",
          targetType: "subscription",
          targetId: extra.id,
          metadata: { kept: kept!.id, plan: row.plan, refunded: refund.amount, currency: refund.currency },
        },
        tx,
      );
      log.warn(
        { userId, subscriptionId: extra.id, kept: kept!.id, refunded: refund.amount },
        "duplicate subscription cancelled and refunded",
      );
    }
    const all = await tx
      .select({ plan: subscriptions.plan, status: subscriptions.status })
      .from(subscriptions)
      .where(eq(subscriptions.userId, userId));
    await tx
      .update(users)
      .set({ plan: grantedPlan(all) })
      .where(eq(users.id, userId));
    return extras.length;
  });
}
