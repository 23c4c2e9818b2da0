// A dashboard notice shown when live trading is paused by the plan or the subscription (server-safe).
import Link from "next/link";
import { PauseCircleIcon } from "lucide-react";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/** `reason` comes from `planFor(user).reason`; the notice links to the billing page unless `link` is false. */
export function PlanNotice({
  reason,
  className,
  link = true,
}: {
  reason: string;
  className?: string;
  link?: boolean;
}) {
  return (
    <Alert variant="warning" className={className} data-testid="plan-notice">
      <PauseCircleIcon aria-hidden="true" />
      <AlertTitle>Live trading is paused</AlertTitle>
      <AlertDescription>
        <p>{reason}</p>
        {link && (
          <Button asChild size="sm" variant="outline" className="mt-2">
            <Link href="/billing">Go to billing</Link>
          </Button>
        )}
      </AlertDescription>
    </Alert>
  );
}
