// Pricing cards rendered from the plan catalogue in lib/billing/plans.ts. With billing off (a self-hosted
// installation) nothing is for sale: the section says every feature is unlocked and every button leads to sign-up.
import Link from "next/link";
import { CheckIcon } from "lucide-react";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { PLAN_IDS, PLANS, type Plan } from "@/lib/billing/plans";
import { cn } from "@/lib/utils";

const RECOMMENDED = "pro";

function planHref(plan: Plan, billing: boolean) {
  return plan.monthlyUsd === 0 || !billing ? `/signup?plan=${plan.id}` : `/billing?upgrade=${plan.id}`;
}

function planCta(plan: Plan, billing: boolean) {
  if (!billing) return "Sign up: included";
  return plan.monthlyUsd === 0 ? "Start on paper" : `Get ${plan.name}`;
}

/** One card per plan; the paid ones link to the billing portal, the free one to sign-up. */
export function PricingSection({ billing = true }: { billing?: boolean }) {
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      {!billing && (
        <p
          className="bg-primary/5 border-primary/30 mx-auto max-w-3xl rounded-lg border px-4 py-3 text-center text-sm"
          data-testid="pricing-unlocked"
        >
          <span className="font-medium">This installation has every feature unlocked.</span> Nothing to buy:
          every account gets everything below, Elite included, at no cost.
        </p>
      )}
      <div className="grid gap-6 lg:grid-cols-3">
        {PLAN_IDS.map((id) => {
          const plan = PLANS[id];
          const recommended = id === RECOMMENDED;
          return (
            <div
              key={id}
              data-plan={id}
              className={cn(
                "bg-card relative flex flex-col rounded-2xl border p-6 shadow-sm sm:p-8",
                recommended && "border-primary/50 shadow-primary/10 ring-primary/40 shadow-lg ring-1",
              )}
            >
              {recommended && (
                <Badge className="absolute -top-3 left-1/2 -translate-x-1/2 px-2.5 py-1 shadow-sm">
                  Recommended
                </Badge>
              )}
              <div>
                <h3 className="text-lg font-semibold">{plan.name}</h3>
                <p className="text-muted-foreground mt-1 min-h-10 text-sm">{plan.tagline}</p>
              </div>
              <div className="mt-6 flex items-baseline gap-1">
                <span className="text-4xl font-semibold tracking-tight tabular-nums">${plan.monthlyUsd}</span>
                <span className="text-muted-foreground text-sm">/ month</span>
              </div>
              <Button asChild size="lg" variant={recommended ? "default" : "outline"} className="mt-6 w-full">
                <Link href={planHref(plan, billing)}>{planCta(plan, billing)}</Link>
              </Button>
              <ul className="mt-8 space-y-3 text-sm">
                {plan.features.map((feature) => (
                  <li key={feature} className="flex gap-3">
                    <CheckIcon className="text-primary mt-0.5 size-4 shrink-0" aria-hidden="true" />
                    <span>{feature}</span>
                  </li>
                ))}
              </ul>
            </div>
          );
        })}
      </div>
    </div>
  );
}
