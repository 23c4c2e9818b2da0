import "server-only";
// What the billing page shows: the plan, the subscription's status and dates, and which plans can be bought.
import { desc, eq } from "drizzle-orm";
import { db } from "@/db";
import { subscriptions, users } from "@/db/schema";
import { billingEnabled } from "@/lib/billing/config";
import { planFor } from "@/lib/billing/limits";
import type { PlanId } from "@/lib/billing/plans";
import { pickCurrentSubscription } from "@/lib/billing/status";
import { priceIdFor } from "@/lib/billing/stripe";

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
}

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
    };
  }
  const subs = await db
    .select()
    .from(subscriptions)
    .where(eq(subscriptions.userId, userId))
    .orderBy(desc(subscriptions.updatedAt), desc(subscriptions.id));
  const current = pickCurrentSubscription(subs);
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
  };
}
