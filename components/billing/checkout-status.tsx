"use client";
// After Stripe Checkout: "payment received" with progress while the webhook lands, then the confirmed plan.
import { useEffect, useState } from "react";
import { CheckCircle2Icon, InfoIcon } from "lucide-react";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Progress } from "@/components/ui/progress";
import { Spinner } from "@/components/ui/spinner";

/** How long the page waits for Stripe's confirmation before saying it is taking longer than usual. */
export const CONFIRM_WAIT_MS = 90_000;

/** `state`: waiting for the webhook, confirmed (plan changed), or cancelled by the user at Checkout. */
export function CheckoutStatus({
  state,
  planName,
}: {
  state: "waiting" | "confirmed" | "cancelled";
  planName: string;
}) {
  // Half-second ticks since the page opened drive the progress bar.
  const [ticks, setTicks] = useState(0);
  useEffect(() => {
    if (state !== "waiting") return;
    const t = setInterval(() => setTicks((n) => n + 1), 500);
    return () => clearInterval(t);
  }, [state]);

  if (state === "cancelled") {
    return (
      <Alert>
        <InfoIcon aria-hidden="true" />
        <AlertTitle>Checkout cancelled</AlertTitle>
        <AlertDescription>You have not been charged. Pick a plan whenever you are ready.</AlertDescription>
      </Alert>
    );
  }
  if (state === "confirmed") {
    return (
      <Alert variant="success" data-testid="checkout-confirmed">
        <CheckCircle2Icon aria-hidden="true" />
        <AlertTitle>You are on {planName} now</AlertTitle>
        <AlertDescription>
          Stripe confirmed your subscription. Live trading is unlocked in your settings.
        </AlertDescription>
      </Alert>
    );
  }
  const elapsed = ticks * 500;
  const late = elapsed > CONFIRM_WAIT_MS;
  return (
    <Alert data-testid="checkout-waiting">
      <Spinner />
      <AlertTitle className="line-clamp-none">
        Payment received — your plan updates as soon as Stripe confirms it
      </AlertTitle>
      <AlertDescription className="w-full">
        <p>
          {late
            ? "This is taking longer than usual. The page keeps checking; you can also come back later — nothing is lost."
            : "This usually takes a few seconds. The page checks every 2 seconds."}
        </p>
        <Progress
          value={late ? 100 : Math.min(95, (elapsed / 15_000) * 100)}
          className="mt-2 h-1.5"
          aria-label="Waiting for Stripe's confirmation"
        />
      </AlertDescription>
    </Alert>
  );
}
