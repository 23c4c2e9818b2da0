import "server-only";
// What the billing page shows: the plan, the subscription's status and dates, which plans can be bought, an open
// checkout to continue, and second subscriptions that were cancelled and refunded.
import { and, desc, eq, gt, isNotNull } from "drizzle-orm";
import { db } from "@/db";
import { checkoutSessions, subscriptions, users } from "@/db/schema";
import { billingEnabled } from "@/lib/billing/config";
import { planFor } from "@/lib/billing/limits";
import type { PlanId } from "@/lib/billing/plans";
import { pickCurrentSubscription, PLAN_KEEPING_STATUSES } from "@/lib/billing/status";
import { priceIdFor } from "@/lib/billing/stripe";

/** A second subscription Tickpilot cancelled and refunded (amount in minor units, e.g. cents). */
export interface DuplicateRefund {
  plan: PlanId;
  amount: number;
  currency: string;
  cancelledAt: string;
}

/** The billing state of one user, safe to send to the browser (no Stripe ids). */
export interface BillingOverview {
  enabled: boolean;
  plan: PlanId;
  status: string | null;
  /** ISO date the subscription renews, or ends when `cancelAtPeriodEnd`. */
  periodEnd: string | null;
  cancelAtPeriodEnd: boolean;
  canceledAt: string | null;
  hasBillingAccount: boolean;
  liveTradingAllowed: boolean;
  reason: string | null;
  /** Paid plans that have a Stripe price configured (buyable through Checkout). */
  purchasable: PlanId[];
  /** The plan of the user's open Checkout Session, which "Upgrade" continues instead of starting another. */
  openCheckout: PlanId | null;
  /** Second subscriptions cancelled and refunded in the last 60 days, newest first. */
  duplicateRefunds: DuplicateRefund[];
}

const RECENT_MS = 60 * 86_400_000;
const keepsPlan = (status: string) => (PLAN_KEEPING_STATUSES as readonly string[]).includes(status);

/** Load the billing overview of user `userId`. */
export async function getBillingOverview(userId: number): Promise<BillingOverview> {
  const [user] = await db
    .select({ plan: users.plan, customer: users.stripeCustomerId })
    .from(users)
    .where(eq(users.id, userId));
  const access = await planFor({ id: userId, plan: user?.plan ?? "free" });
  if (!billingEnabled()) {
    return {
      enabled: false,
      plan: access.plan.id,
      status: null,
      periodEnd: null,
      cancelAtPeriodEnd: false,
      canceledAt: null,
      hasBillingAccount: false,
      liveTradingAllowed: true,
      reason: null,
      purchasable: [],
      openCheckout: null,
      duplicateRefunds: [],
    };
  }
  const [subs, [open]] = await Promise.all([
    db
      .select()
      .from(subscriptions)
      .where(eq(subscriptions.userId, userId))
      .orderBy(desc(subscriptions.updatedAt), desc(subscriptions.id)),
    db
      .select({ plan: checkoutSessions.plan })
      .from(checkoutSessions)
      .where(
        and(
          eq(checkoutSessions.userId, userId),
          eq(checkoutSessions.status, "open"),
          gt(checkoutSessions.expiresAt, new Date()),
          isNotNull(checkoutSessions.url),
        ),
      )
      .limit(1),
  ]);
  const current = pickCurrentSubscription(subs.filter((s) => s.duplicateOf === null));
  const since = Date.now() - RECENT_MS;
  return {
    enabled: true,
    plan: access.plan.id,
    status: current?.status ?? null,
    periodEnd: current?.currentPeriodEnd?.toISOString() ?? null,
    cancelAtPeriodEnd: current?.cancelAtPeriodEnd ?? false,
    canceledAt: current?.canceledAt?.toISOString() ?? null,
    hasBillingAccount: Boolean(user?.customer),
    liveTradingAllowed: access.liveTradingAllowed,
    reason: access.reason,
    purchasable: (["pro", "elite"] as const).filter((p) => priceIdFor(p) !== null),
    // A subscriber changes plans in the portal; an old open session is not theirs to continue.
    openCheckout: current && keepsPlan(current.status) ? null : (open?.plan ?? null),
    duplicateRefunds: subs
      .filter((s) => s.duplicateOf !== null && s.updatedAt.getTime() > since)
      .map((s) => ({
        plan: s.plan,
        amount: s.refundedAmount ?? 0,
        currency: s.refundCurrency ?? "usd",
        cancelledAt: (s.canceledAt ?? s.updatedAt).toISOString(),
      })),
  };
}
