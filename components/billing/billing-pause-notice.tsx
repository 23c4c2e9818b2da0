// The dashboard notice for a billing pause on a live account: the exact reason, what happens to the open position
// and to auto-trading, and how to end it (server-safe; the paper switch lives on the auto-trading card).
import Link from "next/link";
import { PauseCircleIcon } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { pauseExplanation, type BillingPauseView } from "./billing-pause";

/** Notice over the dashboard while new live trades are paused by billing. */
export function BillingPauseNotice({ view }: { view: BillingPauseView }) {
  const text = pauseExplanation(view);
  return (
    <Alert variant="warning" data-testid="plan-notice">
      <PauseCircleIcon aria-hidden="true" />
      <AlertTitle className="line-clamp-none">New live trades are paused</AlertTitle>
      <AlertDescription className="space-y-2">
        <p className="text-foreground font-medium" data-testid="plan-notice-reason">
          {view.reason}
        </p>
        <ul className="list-disc space-y-1 pl-4">
          <li data-testid="plan-notice-position">{text.position}</li>
          <li data-testid="plan-notice-auto-trade">{text.autoTrade}</li>
        </ul>
        <Button asChild size="sm" className="mt-1">
          <Link href="/billing">{view.fix === "payment" ? "Update payment method" : "Choose a plan"}</Link>
        </Button>
      </AlertDescription>
    </Alert>
  );
}
