import "server-only";
// A Stripe subscription as its local `subscriptions` row (plan from the configured price ids only).
import type Stripe from "stripe";
import { SUBSCRIPTION_STATUSES } from "@/db/schema";
import { planForPriceId } from "@/lib/billing/stripe";
import { getLogger } from "@/lib/log";

const log = getLogger("billing");

/** The id of an expandable Stripe field (`"cus_1"` or `{ id: "cus_1" }`), or null. */
export const idOf = (v: string | { id: string } | null | undefined) =>
  typeof v === "string" ? v : (v?.id ?? null);

const toDate = (unix: number | null | undefined) => (unix ? new Date(unix * 1000) : null);

/** The local row for a Stripe subscription of `userId`; an unknown price grants nothing (plan "free"). */
export function subscriptionRow(sub: Stripe.Subscription, userId: number, customerId: string) {
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
