import "server-only";
// Metrics of live accounts: reconcile lag, divergent accounts, and the shared exchange rate limiter — one read per
// scrape for all five. The rate-limit totals live in Redis, shared by every worker, and count since Redis last
// started (a counter reset, as Prometheus expects of a restarted process).
import { Counter, Gauge, type Registry } from "prom-client";
import { liveSyncStats, type LiveSyncStats } from "@/lib/admin/live-sync";

/** Add the live-account metrics to `registry` (called once when the registry is built). */
export function addLiveSyncMetrics(registry: Registry): void {
  let read: { at: number; value: ReturnType<typeof liveSyncStats> } | null = null;
  const stats = () => {
    if (!read || Date.now() - read.at > 1000) read = { at: Date.now(), value: liveSyncStats() };
    return read.value;
  };
  new Gauge({
    name: "tickpilot_reconcile_lag_seconds",
    help: "How late reconcile passes ran after they were due (newest 500 passes), by quantile",
    labelNames: ["quantile"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const { reconcile } = await stats();
      if (reconcile.passes === 0) return;
      this.set({ quantile: "0.5" }, reconcile.lagP50Ms! / 1000);
      this.set({ quantile: "0.99" }, reconcile.lagP99Ms! / 1000);
    },
  });
  new Gauge({
    name: "tickpilot_accounts_divergent",
    help: "Live accounts whose synced exchange state differs from Tickpilot's ledger",
    registers: [registry],
    async collect() {
      this.set((await stats()).reconcile.divergent);
    },
  });
  const total = (name: string, help: string, value: (s: LiveSyncStats) => number) =>
    new Counter({
      name,
      help,
      registers: [registry],
      async collect() {
        this.reset();
        this.inc(value(await stats()));
      },
    });
  total(
    "tickpilot_rate_limit_waits_total",
    "Exchange calls that waited for a rate-limit token (all workers)",
    (s) => s.rateLimits.waits,
  );
  total(
    "tickpilot_rate_limit_waited_seconds_total",
    "Seconds exchange calls waited for rate-limit tokens (all workers)",
    (s) => s.rateLimits.waitedMs / 1000,
  );
  total(
    "tickpilot_exchange_rate_limit_answers_total",
    "Rate-limit answers from exchanges (e.g. Bybit 10006, HTTP 403), each retried with back-off; goal 0",
    (s) => s.rateLimits.rejections,
  );
}
