"use client";
// The plan comparison on the billing page, with Upgrade buttons that start Stripe Checkout.
import { CheckIcon } from "lucide-react";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import type { BillingView } from "@/components/billing/types";
import { PLAN_IDS, PLANS, type PlanId } from "@/lib/billing/plans";
import { cn } from "@/lib/utils";

const RANK: Record<PlanId, number> = { free: 0, pro: 1, elite: 2 };

/** One card per plan; `highlight` (from ?upgrade=) rings the plan the visitor came for. */
export function PlanOptions({
  view,
  highlight,
  pending,
  onUpgrade,
  onManage,
}: {
  view: BillingView;
  highlight: PlanId | null;
  pending: PlanId | "portal" | null;
  onUpgrade: (plan: PlanId) => void;
  onManage: () => void;
}) {
  const subscribed = view.plan !== "free" && view.status !== null && view.status !== "canceled";
  return (
    <div className="grid gap-4 md:grid-cols-3">
      {PLAN_IDS.map((id) => {
        const plan = PLANS[id];
        const current = id === view.plan;
        const marked = highlight === id && !current;
        return (
          <div
            key={id}
            data-plan={id}
            className={cn(
              "bg-card flex flex-col rounded-xl border p-5 shadow-xs",
              current && "border-primary/40",
              marked && "ring-primary/60 shadow-primary/10 shadow-lg ring-2",
            )}
          >
            <div className="flex items-center justify-between gap-2">
              <h3 className="font-semibold">{plan.name}</h3>
              {current ? (
                <Badge variant="secondary">Your plan</Badge>
              ) : marked ? (
                <Badge>Selected</Badge>
              ) : null}
            </div>
            <p className="text-muted-foreground mt-1 min-h-10 text-sm">{plan.tagline}</p>
            <div className="mt-4 flex items-baseline gap-1">
              <span className="text-3xl font-semibold tracking-tight tabular-nums">${plan.monthlyUsd}</span>
              <span className="text-muted-foreground text-sm">/ month</span>
            </div>
            <ul className="mt-4 flex-1 space-y-2 text-sm">
              {plan.features.map((f) => (
                <li key={f} className="flex gap-2">
                  <CheckIcon className="text-primary mt-0.5 size-4 shrink-0" aria-hidden="true" />
                  {f}
                </li>
              ))}
            </ul>
            <div className="mt-5">{action(id)}</div>
          </div>
        );
      })}
    </div>
  );

  function action(id: PlanId) {
    if (id === view.plan)
      return (
        <Button variant="outline" className="w-full" disabled>
          Current plan
        </Button>
      );
    if (id === "free") {
      return subscribed ? (
        <Button variant="ghost" className="w-full" onClick={onManage} disabled={pending !== null}>
          Cancel in billing portal
        </Button>
      ) : null;
    }
    if (subscribed) {
      return (
        <Button variant="outline" className="w-full" onClick={onManage} disabled={pending !== null}>
          {pending === "portal" && <Spinner />}
          {RANK[id] > RANK[view.plan] ? "Upgrade" : "Switch"} in billing portal
        </Button>
      );
    }
    const available = view.purchasable.includes(id);
    return (
      <Button
        className="w-full"
        variant={highlight === id || (!highlight && id === "pro") ? "default" : "outline"}
        onClick={() => onUpgrade(id)}
        disabled={!available || pending !== null}
        title={available ? undefined : "This plan has no price configured yet"}
      >
        {pending === id && <Spinner />}
        {pending === id
          ? "Opening checkout…"
          : view.openCheckout === id
            ? "Continue checkout"
            : `Upgrade to ${PLANS[id].name}`}
      </Button>
    );
  }
}
