// The billing page's notice while new live trades are paused by the plan or the subscription (server-safe).
import Link from "next/link";
import { PauseCircleIcon } from "lucide-react";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/** `reason` comes from `planFor(user).reason`; the notice links to the dashboard unless `link` is false. */
export function PlanNotice({
  reason,
  status,
  className,
  link = true,
}: {
  reason: string;
  /** The subscription status: a payment problem gets a line on how to fix it. */
  status?: string | null;
  className?: string;
  link?: boolean;
}) {
  return (
    <Alert variant="warning" className={className} data-testid="plan-notice">
      <PauseCircleIcon aria-hidden="true" />
      <AlertTitle className="line-clamp-none">New live trades are paused</AlertTitle>
      <AlertDescription className="space-y-1">
        <p className="text-foreground font-medium">{reason}</p>
        {(status === "past_due" || status === "unpaid") && (
          <p>
            Update your card with Manage billing below: new live trades resume as soon as Stripe collects the
            payment.
          </p>
        )}
        <p>
          An open live position keeps its stop-loss and take-profit on the exchange, and Tickpilot still
          closes it when a decision says close. To keep trading meanwhile, switch auto-trading to your paper
          account from the dashboard.
        </p>
        {link && (
          <Button asChild size="sm" variant="outline" className="mt-2">
            <Link href="/dashboard">Go to the dashboard</Link>
          </Button>
        )}
      </AlertDescription>
    </Alert>
  );
}
