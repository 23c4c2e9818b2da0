"use client";
// The user's own kill switch: "Stop and flatten" turns auto-trading off and the kill switch on at once (the
// server does both before it answers), then the execute worker closes Tickpilot's position on the symbol.
import { OctagonXIcon } from "lucide-react";
import type { Portfolio } from "@/lib/trading/portfolio";
import { formatNumber } from "@/lib/utils";
import { ManualActionDialog } from "./manual-action-dialog";
import { ManualActionStatus } from "./manual-action-status";
import { baseAsset } from "./position-actions";
import { useManualAction, type ManualActionView } from "./use-manual-action";

interface Props {
  symbol: string;
  accountLabel: string;
  live: boolean;
  position: Portfolio["position"];
  /** The kill switch is on already: no button, only the last action's progress or result. */
  stopped: boolean;
  /** The server has stopped auto-trading (the close may still be running). */
  onStopped: () => void;
  onSettled?: (action: ManualActionView) => void;
}

// What the confirm dialog promises, in the order it happens.
function Steps({ symbol, accountLabel, live, position }: Omit<Props, "stopped" | "onStopped" | "onSettled">) {
  const ours = position && position.origin === "tickpilot" ? position : null;
  return (
    <ol className="list-decimal space-y-1.5 pl-5">
      <li>
        Auto-trading switches off and your kill switch turns on, at once: no new order is placed for you,
        including for decisions already on their way.
      </li>
      <li>
        {ours ? (
          <>
            Tickpilot closes its {ours.side} {formatNumber(ours.qty, { decimals: 4 })} {baseAsset(symbol)}{" "}
            position on {accountLabel} with one market order (reduce-only), at the market price.
          </>
        ) : (
          <>Tickpilot has no open position on {symbol} now, so there is nothing to close.</>
        )}
      </li>
      {live && <li>Positions and orders you opened yourself on the exchange are left alone.</li>}
      <li>To trade again, switch auto-trading back on: that also turns the kill switch off.</li>
    </ol>
  );
}

/** The "Stop and flatten" button with its confirm dialog, progress and result. */
export function StopAndFlatten(props: Props) {
  const manual = useManualAction(props.onSettled);
  return (
    <div className="space-y-3" data-testid="stop-and-flatten-area">
      {!props.stopped && (
        <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
          <p className="text-muted-foreground text-xs">Stop everything now and close the position.</p>
          <ManualActionDialog
            label="Stop and flatten"
            icon={OctagonXIcon}
            testId="stop-and-flatten"
            destructive
            disabled={manual.busy}
            title="Stop auto-trading and flatten?"
            confirmLabel="Stop and flatten"
            description={<Steps {...props} />}
            onConfirm={async (key) => {
              await manual.start("flatten", key, props.symbol);
              props.onStopped();
            }}
          />
        </div>
      )}
      <ManualActionStatus action={manual.action} slow={manual.slow} onRecheck={manual.recheck} />
    </div>
  );
}
