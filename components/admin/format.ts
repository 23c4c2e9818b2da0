// Small display helpers for the admin console (pure, server and client).
/** "4 s", "3 min", "2 h", "5 d" — how long ago (or how long) `ms` is. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms)) return "—";
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.round(s / 60)} min`;
  if (s < 86_400) return `${Math.round(s / 360) / 10} h`;
  return `${Math.round(s / 8640) / 10} d`;
}

/** "3 min ago" from a timestamp; "never" when missing. */
export function formatAgo(t: number | Date | null | undefined, now = Date.now()): string {
  if (t == null) return "never";
  const ms = now - (t instanceof Date ? t.getTime() : t);
  return ms < 1500 ? "just now" : `${formatDuration(ms)} ago`;
}

/** 1234567 → "1.23M", 12345 → "12.3K". */
export function formatCompact(n: number): string {
  return new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 2 }).format(n);
}
