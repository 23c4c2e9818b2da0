"use client";
// Manual control on the position card: "Close position now" (not for a position the owner opened on the
// exchange: Tickpilot never touches those) and, on a live account, "Cancel open orders". Progress and the result
// show under the buttons and as a toast.
import { BanIcon, XCircleIcon } from "lucide-react";
import type { Portfolio } from "@/lib/trading/portfolio";
import { formatNumber, formatUsd } from "@/lib/utils";
import { ManualActionDialog } from "./manual-action-dialog";
import { ManualActionStatus } from "./manual-action-status";
import { useManualAction, type ManualActionView } from "./use-manual-action";

/** "BTC" of "BTCUSDT". */
export const baseAsset = (symbol: string) => symbol.replace(/USDT?$|USDC$/, "") || symbol;

/** The close / cancel buttons of the selected account; `onSettled` refreshes the card's data. */
export function PositionActions({
  portfolio,
  price,
  autoTrade,
  onSettled,
}: {
  portfolio: Portfolio;
  price: number | null;
  autoTrade: boolean;
  onSettled?: (action: ManualActionView) => void;
}) {
  const manual = useManualAction(onSettled);
  const account = portfolio.account;
  if (!account) return null;
  const live = account.exchange !== "paper";
  const p = portfolio.position;
  const foreign = p?.origin === "foreign";
  const { symbol } = portfolio;
  const size = p ? `${formatNumber(p.qty, { decimals: 4 })} ${baseAsset(symbol)}` : "";
  if (!p && !live && !manual.action) return null;
  return (
    <div className="space-y-3 border-t pt-4" data-testid="position-actions">
      <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap">
        {p && (
          <ManualActionDialog
            label="Close position now"
            icon={XCircleIcon}
            testId="close-position"
            destructive
            disabled={manual.busy || foreign}
            describedBy={foreign ? "close-position-why" : undefined}
            title={`Close your ${p.side} ${size} on ${symbol}?`}
            confirmLabel="Close position"
            description={
              <>
                <p>
                  Tickpilot sends one market order for the whole position (reduce-only) to{" "}
                  <span className="text-foreground font-medium">{account.label}</span>. It fills at the market
                  price{price !== null ? `, now about ${formatUsd(price)}` : ""}, not at a price you choose.
                </p>
                <p>
                  {autoTrade
                    ? "Auto-trading stays on: a later decision can open a new position. To stop trading as well, use Stop and flatten."
                    : "Auto-trading is off, so nothing opens a new position afterwards."}
                </p>
              </>
            }
            onConfirm={(key) => manual.start("close", key, symbol)}
          />
        )}
        {live && (
          <ManualActionDialog
            label="Cancel open orders"
            icon={BanIcon}
            testId="cancel-orders"
            disabled={manual.busy}
            title={`Cancel Tickpilot's open orders on ${symbol}?`}
            confirmLabel="Cancel open orders"
            description={
              <>
                <p>
                  Every order Tickpilot placed on{" "}
                  <span className="text-foreground font-medium">{account.label}</span> that is still open on{" "}
                  {symbol} is cancelled. Open positions stay open.
                </p>
                <p>Orders you placed yourself on the exchange are left alone.</p>
              </>
            }
            onConfirm={(key) => manual.start("cancel", key, symbol)}
          />
        )}
      </div>
      {foreign && (
        <p id="close-position-why" className="text-muted-foreground text-xs">
          You opened this position yourself, so Tickpilot does not close it. Close it on the exchange.
        </p>
      )}
      <ManualActionStatus action={manual.action} slow={manual.slow} onRecheck={manual.recheck} />
    </div>
  );
}
