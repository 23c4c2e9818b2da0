"use client";
// A card's manual action inline: progress while the execute worker has it queued, then what happened.
import { CircleAlertIcon, CircleCheckIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { cn } from "@/lib/utils";
import type { ManualActionView, ManualKind } from "./use-manual-action";

const PROGRESS: Record<ManualKind, string> = {
  close: "Closing the position…",
  cancel: "Cancelling Tickpilot's open orders…",
  flatten: "Auto-trading is off. Closing the position…",
};

/** Progress or result of `action` (nothing before the first one); `slow` after a minute still queued. */
export function ManualActionStatus({
  action,
  slow,
  onRecheck,
  className,
}: {
  action: ManualActionView | null;
  slow: boolean;
  onRecheck: () => void;
  className?: string;
}) {
  if (!action) return null;
  const queued = action.status === "queued";
  return (
    <div
      role="status"
      aria-live="polite"
      data-testid="manual-action-status"
      data-status={action.status}
      className={cn(
        "flex items-start gap-2 rounded-lg border p-3 text-sm",
        action.status === "failed" && "border-destructive/30 bg-destructive/5 text-destructive",
        action.status === "done" && "bg-muted/40",
        className,
      )}
    >
      {queued ? (
        <Spinner className="mt-0.5 shrink-0" aria-hidden="true" role={undefined} />
      ) : action.status === "done" ? (
        <CircleCheckIcon className="text-success mt-0.5 size-4 shrink-0" aria-hidden="true" />
      ) : (
        <CircleAlertIcon className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
      )}
      <div className="min-w-0 space-y-1">
        <p className={cn(queued && "font-medium")}>
          {queued ? PROGRESS[action.kind] : (action.result ?? "Done.")}
        </p>
        {queued && (
          <p className="text-muted-foreground text-xs">
            {slow
              ? "Still waiting for a worker to pick it up. It runs once one does; nothing is sent twice."
              : "Queued for the exchange. This usually takes a few seconds."}
          </p>
        )}
        {queued && slow && (
          <Button variant="link" size="sm" className="h-auto p-0 text-xs" onClick={onRecheck}>
            Check again
          </Button>
        )}
      </div>
    </div>
  );
}
