// The settings page's notice after a downgrade: stored settings the plan forbids are kept, not used (server-safe).
import Link from "next/link";
import { ArchiveIcon } from "lucide-react";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/** Renders nothing unless a stored leverage is above the plan's cap or a custom prompt is stored on a plan without. */
export function KeptSettingsNotice({
  planName,
  planMaxLeverage,
  storedLeverage,
  promptKept,
}: {
  planName: string;
  planMaxLeverage: number;
  storedLeverage: number;
  promptKept: boolean;
}) {
  const leverageKept = storedLeverage > planMaxLeverage;
  if (!leverageKept && !promptKept) return null;
  return (
    <Alert variant="warning" data-testid="kept-settings">
      <ArchiveIcon aria-hidden="true" />
      <AlertTitle className="line-clamp-none">
        Some of your settings are kept but not used on {planName}
      </AlertTitle>
      <AlertDescription className="space-y-2">
        <ul className="list-disc space-y-1 pl-4">
          {leverageKept && (
            <li>
              Max leverage {storedLeverage}x: orders use at most {planMaxLeverage}x. The form shows{" "}
              {planMaxLeverage}x so it can be saved; your {storedLeverage}x stays stored unless you change it.
            </li>
          )}
          {promptKept && (
            <li>
              Custom strategy prompt: decisions use the default prompt. Your prompt stays stored, and saving
              other settings does not delete it.
            </li>
          )}
        </ul>
        <p>They apply again as soon as you are on a plan that includes them.</p>
        <Button asChild size="sm" variant="outline">
          <Link href="/billing">See plans</Link>
        </Button>
      </AlertDescription>
    </Alert>
  );
}
