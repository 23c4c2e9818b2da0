// Billing off (no STRIPE_SECRET_KEY): the install is self-hosted and every feature is on.
import { CheckIcon, ServerIcon } from "lucide-react";

import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PLANS } from "@/lib/billing/plans";

/** Explains that billing is off and lists what is unlocked. */
export function SelfHostedCard() {
  return (
    <Card data-testid="self-hosted">
      <CardHeader>
        <div className="bg-primary/10 text-primary mb-2 flex size-10 items-center justify-center rounded-lg">
          <ServerIcon className="size-5" aria-hidden="true" />
        </div>
        <CardTitle className="text-xl">Self-hosted: billing is off, every feature is on</CardTitle>
        <CardDescription>
          This installation has no Stripe key configured, so there are no plans to buy. Everyone gets the
          Elite limits. Set <code className="font-mono text-xs">STRIPE_SECRET_KEY</code> and the price ids to
          sell plans.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <ul className="grid gap-2 text-sm sm:grid-cols-2">
          {[
            "Live trading on your own exchange accounts",
            `Up to ${PLANS.elite.maxLiveAccounts} live exchange accounts`,
            "Custom strategy prompt",
            `Leverage up to ${PLANS.elite.maxLeverage}x`,
          ].map((f) => (
            <li key={f} className="flex gap-2">
              <CheckIcon className="text-primary mt-0.5 size-4 shrink-0" aria-hidden="true" />
              {f}
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}
