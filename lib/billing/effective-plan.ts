import "server-only";
// Which plan's limits apply: with billing off (no STRIPE_SECRET_KEY) a self-hosted install has every feature on.
import { billingEnabled } from "@/lib/billing/config";
import { getPlan, type Plan, type PlanId } from "@/lib/billing/plans";

/** The plan id whose limits apply to a user whose stored plan is `stored`. */
export function effectivePlanId(stored: string | null | undefined): PlanId {
  return billingEnabled() ? getPlan(stored).id : "elite";
}

/** The plan whose limits apply. */
export function effectivePlan(stored: string | null | undefined): Plan {
  return getPlan(effectivePlanId(stored));
}
