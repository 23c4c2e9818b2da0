// GET /billing — the current plan and subscription, plan comparison, Stripe Checkout and Customer Portal.
import type { Metadata } from "next";

import { BillingClient } from "@/components/billing/billing-client";
import { SelfHostedCard } from "@/components/billing/self-hosted-card";
import { PageHeader } from "@/components/page-header";
import { requireUser } from "@/lib/auth/session";
import { getBillingOverview } from "@/lib/billing/overview";
import { PLAN_IDS, type PlanId } from "@/lib/billing/plans";

export const metadata: Metadata = { title: "Billing" };

export default async function BillingPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser("/billing");
  const params = await searchParams;
  const overview = await getBillingOverview(user.id);
  const checkout = params.checkout === "success" || params.checkout === "cancelled" ? params.checkout : null;
  const upgrade = PLAN_IDS.find((p) => p === params.upgrade) ?? null;
  return (
    <>
      <PageHeader
        title="Billing"
        description={
          overview.enabled
            ? "Your plan, payment method and invoices. Payments are handled by Stripe."
            : "Your plan on this installation."
        }
      />
      {overview.enabled ? (
        <BillingClient initial={overview} checkout={checkout} upgrade={upgrade as PlanId | null} />
      ) : (
        <SelfHostedCard />
      )}
    </>
  );
}
