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

const READ_FAILED = "The exchange could not be read at the last sync: ";

/** A sync problem in a title and a detail: never synced yet, or the last read failed (and why). */
export function syncProblem(error: string): { title: string; detail: string } {
  if (/^Not synced/.test(error)) return { title: "Waiting for the first sync", detail: error };
  const why = error.startsWith(READ_FAILED) ? error.slice(READ_FAILED.length) : error;
  return {
    title: "The exchange could not be read at the last sync",
    detail: `${why.replace(/\.?$/, ".")} The figures shown are from the last good sync; the next one tries again.`,
  };
}

/** Sync age, read-back settings, the owner's open orders and the sync error of a live account. */
export function LiveSyncInfo({ portfolio }: { portfolio: Portfolio }) {
  const settings = readBack(portfolio);
  const own = portfolio.foreignOpenOrders;
  const problem = portfolio.error ? syncProblem(portfolio.error) : null;
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
      {problem && (
        <div
          role="alert"
          className="border-warning/40 bg-warning/10 flex items-start gap-2 rounded-lg border p-3 text-sm"
          data-testid="sync-error"
        >
          <TriangleAlertIcon className="text-warning mt-0.5 size-4 shrink-0" aria-hidden="true" />
          <div className="min-w-0">
            <p className="font-medium">{problem.title}</p>
            <p className="text-foreground/80 break-words">{problem.detail}</p>
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
