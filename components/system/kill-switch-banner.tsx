"use client";
// The global kill switch notice on every signed-in page while an operator has stopped new orders. It follows the
// switch live: it appears and disappears when an operator flips it, without a reload.
import { OctagonAlertIcon } from "lucide-react";
import { usePlatformKillSwitch } from "./use-platform-kill-switch";

/** A full-width red strip while the switch is on; `initial` is the server's value at render. */
export function KillSwitchBanner({ initial }: { initial: boolean }) {
  const on = usePlatformKillSwitch(initial);
  if (!on) return null;
  return (
    <div
      role="alert"
      data-testid="kill-switch-banner"
      className="border-destructive/30 bg-destructive/10 text-destructive mb-6 flex items-start gap-3 rounded-lg border px-4 py-3 text-sm"
    >
      <OctagonAlertIcon className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
      <div>
        <p className="font-medium">Trading is paused platform-wide</p>
        <p className="text-destructive/80">
          An operator switched on the global kill switch. No new orders are placed until it is switched off;
          open positions keep their stop loss and take profit.
        </p>
      </div>
    </div>
  );
}
