// Billing off: this installation has every feature unlocked. Written for the people who use it (no operator
// instructions: how to switch billing on is in the README).
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
        <CardTitle className="text-xl">Every feature is unlocked on this installation</CardTitle>
        <CardDescription>
          There is nothing to buy or pay here: every account gets the Elite plan&apos;s features and limits at
          no cost, yours included.
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
