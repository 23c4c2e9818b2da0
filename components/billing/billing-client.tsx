"use client";
// The billing page's interactive part: plan card, plan comparison, Checkout/Portal redirects, post-checkout polling.
import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import useSWR from "swr";
import { toast } from "sonner";

import type { BillingView } from "@/components/billing/types";
import { PlanNotice } from "@/components/billing/plan-notice";
import { PLANS, type PlanId } from "@/lib/billing/plans";
import { CheckoutStatus } from "./checkout-status";
import { CurrentPlanCard } from "./current-plan-card";
import { DuplicateRefundNotice } from "./duplicate-refund-notice";
import { PlanOptions } from "./plan-options";

async function fetchView(url: string): Promise<BillingView> {
  const res = await fetch(url, { cache: "no-store" });
  if (!res.ok) throw new Error("Could not load your billing status");
  return (await res.json()) as BillingView;
}

// POST and return the `url` to send the browser to, or throw with the server's message.
async function postForUrl(path: string, body?: object): Promise<string> {
  const res = await fetch(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body ?? {}),
  });
  const data = (await res.json().catch(() => null)) as { url?: string; error?: { message?: string } } | null;
  if (!res.ok || !data?.url)
    throw new Error(data?.error?.message ?? "Stripe is not reachable right now. Please try again.");
  return data.url;
}

/** `checkout` and `upgrade` come from the URL (?checkout=success|cancelled, ?upgrade=pro). */
export function BillingClient({
  initial,
  checkout,
  upgrade,
}: {
  initial: BillingView;
  checkout: "success" | "cancelled" | null;
  upgrade: PlanId | null;
}) {
  const [pending, setPending] = useState<PlanId | "portal" | null>(null);
  // Checkout came back: wait until the webhook has put a paid, active subscription on the account.
  const confirmed = (v: BillingView) =>
    v.plan !== "free" && (v.status === "active" || v.status === "trialing");
  const { data } = useSWR("/api/billing", fetchView, {
    fallbackData: initial,
    refreshInterval: (latest) => (checkout === "success" && !confirmed(latest ?? initial) ? 2_000 : 0),
    revalidateOnFocus: true,
  });
  const view = data ?? initial;
  const router = useRouter();
  // Also when the page was first rendered already confirmed: the sidebar in the layout may have been read a moment
  // before the webhook landed, so it is refreshed once either way.
  const confirmedAfterCheckout = checkout === "success" && confirmed(view);
  // Re-render the server parts (sidebar plan card) once the webhook has changed the plan.
  useEffect(() => {
    if (confirmedAfterCheckout) router.refresh();
  }, [confirmedAfterCheckout, router]);

  async function go(kind: PlanId | "portal") {
    setPending(kind);
    try {
      const url =
        kind === "portal"
          ? await postForUrl("/api/billing/portal")
          : await postForUrl("/api/billing/checkout", { plan: kind });
      window.location.assign(url);
    } catch (err) {
      toast.error(err instanceof Error ? err.message : String(err));
      setPending(null);
    }
  }

  const checkoutState =
    checkout === "cancelled"
      ? "cancelled"
      : checkout === "success"
        ? confirmed(view)
          ? "confirmed"
          : "waiting"
        : null;
  return (
    <div className="space-y-6">
      {checkoutState && <CheckoutStatus state={checkoutState} planName={PLANS[view.plan].name} />}
      <DuplicateRefundNotice refunds={view.duplicateRefunds} plan={view.plan} />
      {view.reason && view.status && view.status !== "active" && (
        <PlanNotice reason={view.reason} status={view.status} />
      )}
      <CurrentPlanCard view={view} onManage={() => void go("portal")} managing={pending === "portal"} />
      <section aria-labelledby="plans-heading" className="space-y-3">
        <div>
          <h2 id="plans-heading" className="text-lg font-semibold">
            Plans
          </h2>
          <p className="text-muted-foreground text-sm">
            Prices in USD per month, billed by Stripe. Cancel any time; you keep the plan until the period
            ends.
          </p>
          {view.openCheckout && checkoutState !== "waiting" && (
            <p className="text-muted-foreground mt-1 text-sm" data-testid="open-checkout">
              You have an unfinished checkout for {PLANS[view.openCheckout].name}: continuing it opens the
              same page. Choosing another plan cancels it, so only one can ever be paid.
            </p>
          )}
        </div>
        <PlanOptions
          view={view}
          highlight={upgrade}
          pending={checkoutState === "waiting" ? "portal" : pending}
          onUpgrade={(p) => void go(p)}
          onManage={() => void go("portal")}
        />
      </section>
    </div>
  );
}
