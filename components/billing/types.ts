// The billing state the page and GET /api/billing share (mirrors lib/billing/overview.ts, without server imports).
import type { PlanId } from "@/lib/billing/plans";

/** What the browser knows about the user's billing. */
export interface BillingView {
  enabled: boolean;
  plan: PlanId;
  status: string | null;
  periodEnd: string | null;
  cancelAtPeriodEnd: boolean;
  canceledAt: string | null;
  hasBillingAccount: boolean;
  liveTradingAllowed: boolean;
  reason: string | null;
  purchasable: PlanId[];
}
