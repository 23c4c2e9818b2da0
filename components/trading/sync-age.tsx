"use client";
// How old a live account's synced state is ("synced 12 s ago"), counting up every second on the page.
import { useEffect, useState } from "react";
import { cn } from "@/lib/utils";

/** Past this age the synced state counts as stale (the reconcile worker syncs idle accounts every 5 min). */
export const STALE_AFTER_MS = 6 * 60_000;

/** "just now", "12 s ago", "3 min ago", "2 h ago", "3 d ago". */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 2) return "just now";
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86_400)} d ago`;
}

/** The wall clock, once a second (null until mounted, so the server's render and the first client one agree). */
export function useNow(everyMs = 1000): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, 0);
    const id = setInterval(tick, everyMs);
    return () => {
      clearTimeout(first);
      clearInterval(id);
    };
  }, [everyMs]);
  return now;
}

/** "Synced 12 s ago" for an ISO time (amber once stale), or "Not synced yet". */
export function SyncAge({ syncedAt, className }: { syncedAt: string | null; className?: string }) {
  const now = useNow();
  if (!syncedAt)
    return (
      <span className={cn("text-warning", className)} data-testid="sync-age">
        Not synced yet
      </span>
    );
  const at = Date.parse(syncedAt);
  const exact = `${new Date(at).toISOString().slice(11, 19)} UTC`;
  const stale = now !== null && now - at > STALE_AFTER_MS;
  return (
    <time
      dateTime={syncedAt}
      title={`Last read from the exchange at ${exact}`}
      className={cn("tabular-nums", stale && "text-warning font-medium", className)}
      data-testid="sync-age"
      suppressHydrationWarning
    >
      {now === null ? `Synced at ${exact}` : `Synced ${formatAge(now - at)}`}
    </time>
  );
}
