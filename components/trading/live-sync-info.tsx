"use client";
// What the dashboard knows of a live account comes from the reconcile worker's last read of the exchange: its
// age, the leverage and margin mode read back, the owner's own open orders, and anything that went wrong.
import { RefreshCwIcon, TriangleAlertIcon } from "lucide-react";
import type { Portfolio } from "@/lib/trading/portfolio";
import { SyncAge } from "./sync-age";

/** "5x · isolated" as the exchange reported it, or null when not known yet. */
export function readBack(p: Pick<Portfolio, "exchangeLeverage" | "marginMode">): string | null {
  const parts = [
    p.exchangeLeverage ? `${p.exchangeLeverage}x` : null,
    p.marginMode ? p.marginMode.toLowerCase() : null,
  ].filter(Boolean);
  return parts.length ? parts.join(" · ") : null;
}

/** A sync problem's title: never synced, or the last read failed. */
export function syncErrorTitle(error: string): string {
  return /^Not synced/.test(error) ? "Waiting for the first sync" : "The exchange could not be read";
}

/** Sync age, read-back settings, the owner's open orders and the sync error of a live account. */
export function LiveSyncInfo({ portfolio }: { portfolio: Portfolio }) {
  const settings = readBack(portfolio);
  const own = portfolio.foreignOpenOrders;
  return (
    <div className="space-y-2" data-testid="live-sync">
      <p className="text-muted-foreground flex flex-wrap items-center gap-x-2 gap-y-1 text-xs">
        <RefreshCwIcon className="size-3.5 shrink-0" aria-hidden="true" />
        <SyncAge syncedAt={portfolio.syncedAt} />
        {settings && (
          <>
            <span aria-hidden="true">·</span>
            <span data-testid="read-back">{settings} on the exchange</span>
          </>
        )}
        {own > 0 && (
          <>
            <span aria-hidden="true">·</span>
            <span data-testid="foreign-orders">
              {own} open order{own === 1 ? "" : "s"} of your own (left alone)
            </span>
          </>
        )}
      </p>
      {portfolio.error && (
        <div
          role="alert"
          className="border-warning/40 bg-warning/10 flex items-start gap-2 rounded-lg border p-3 text-sm"
          data-testid="sync-error"
        >
          <TriangleAlertIcon className="text-warning mt-0.5 size-4 shrink-0" aria-hidden="true" />
          <div className="min-w-0">
            <p className="font-medium">{syncErrorTitle(portfolio.error)}</p>
            <p className="text-foreground/80 break-words">{portfolio.error}</p>
          </div>
        </div>
      )}
      {portfolio.divergence && !portfolio.error && (
        <p className="text-muted-foreground text-xs break-words" data-testid="divergence">
          Tickpilot&apos;s records and the exchange differ; the next sync checks again. {portfolio.divergence}
        </p>
      )}
    </div>
  );
}
