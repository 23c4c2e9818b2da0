"use client";
// The current plan: name, status, renewal or end date, and the Customer Portal button.
import { CalendarIcon, CreditCardIcon, ExternalLinkIcon } from "lucide-react";

import { Button } from "@/components/ui/button";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import type { BillingView } from "@/components/billing/types";
import { PLANS } from "@/lib/billing/plans";
import { formatDateTime } from "@/lib/utils";
import { SubscriptionStatusBadge } from "./status-badge";

function dateLine(view: BillingView): string | null {
  const date = view.periodEnd ? formatDateTime(view.periodEnd).replace(/, \d\d:\d\d$/, "") : null;
  if (view.status === "canceled") {
    return view.canceledAt ? `Ended ${formatDateTime(view.canceledAt).replace(/, \d\d:\d\d$/, "")}` : "Ended";
  }
  if (!date) return null;
  return view.cancelAtPeriodEnd ? `Ends on ${date}` : `Renews on ${date}`;
}

/** The plan the user is on, with "Manage billing" when they have a Stripe customer. */
export function CurrentPlanCard({
  view,
  onManage,
  managing,
}: {
  view: BillingView;
  onManage: () => void;
  managing: boolean;
}) {
  const plan = PLANS[view.plan];
  const when = dateLine(view);
  return (
    <Card data-testid="current-plan">
      <CardHeader>
        <CardDescription>Current plan</CardDescription>
        <CardTitle className="flex flex-wrap items-center gap-3 text-2xl">
          <span data-testid="current-plan-name">{plan.name}</span>
          <SubscriptionStatusBadge status={view.status} />
        </CardTitle>
        <CardAction>
          {view.hasBillingAccount && (
            <Button variant="outline" onClick={onManage} disabled={managing}>
              {managing ? <Spinner /> : <CreditCardIcon aria-hidden="true" />}
              Manage billing
              <ExternalLinkIcon className="text-muted-foreground" aria-hidden="true" />
            </Button>
          )}
        </CardAction>
      </CardHeader>
      <CardContent className="text-muted-foreground space-y-2 text-sm">
        <p>{plan.tagline}.</p>
        {when && (
          <p className="text-foreground flex items-center gap-2">
            <CalendarIcon className="size-4" aria-hidden="true" />
            {when}
          </p>
        )}
        {view.cancelAtPeriodEnd && view.status !== "canceled" && (
          <p>
            Your subscription will not renew. You keep {plan.name} until then, and move to Free afterwards.
          </p>
        )}
        {view.hasBillingAccount && (
          <p>Payment method, invoices and cancellation are handled in Stripe&apos;s portal.</p>
        )}
      </CardContent>
    </Card>
  );
}
