import "server-only";
// Prometheus metrics (prom-client). Gauges read live state on scrape (collect callbacks), so the web tier
// stays stateless: queue depths from BullMQ, decision latency / orders / LLM tokens from MySQL, feed lag from Redis,
// reconcile lag and the shared exchange rate limiter's totals from Redis, divergent live accounts from MySQL.
import { gte, sql } from "drizzle-orm";
import { Gauge, Registry, collectDefaultMetrics, type Metric } from "prom-client";
import { db } from "@/db";
import { decisions, orders } from "@/db/schema";
import { queueCounts } from "@/lib/admin/queues";
import { decisionLag, feedStatuses, llmSpendToday } from "@/lib/admin/status";
import { liveWorkers } from "@/lib/workers/heartbeat";
import { liveness } from "@/lib/system/liveness";
import { addLiveSyncMetrics } from "./live-sync-metrics";
import { getSystemSetting } from "@/lib/system/settings";

const globalForMetrics = globalThis as unknown as { __tpMetrics?: Registry };

/** Value at quantile q (0..1) of an ascending list. */
export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

function build(): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ app: "tickpilot" });
  collectDefaultMetrics({ register: registry, prefix: "tickpilot_web_" });

  new Gauge({
    name: "tickpilot_queue_jobs",
    help: "BullMQ jobs per queue and state",
    labelNames: ["queue", "state"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const q of await queueCounts()) {
        for (const state of ["waiting", "active", "failed", "delayed"] as const) {
          this.set({ queue: q.name, state }, q[state]);
        }
      }
    },
  });

  new Gauge({
    name: "tickpilot_decision_latency_seconds",
    help: "Decision latency over the last hour (LLM call included), by quantile",
    labelNames: ["quantile"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await db
        .select({ ms: decisions.latencyMs })
        .from(decisions)
        .where(gte(decisions.createdAt, new Date(Date.now() - 3600_000)))
        .limit(10_000);
      const sorted = rows.map((r) => r.ms).sort((a, b) => a - b);
      for (const q of [0.5, 0.95, 0.99, 1]) this.set({ quantile: String(q) }, quantile(sorted, q) / 1000);
    },
  });

  new Gauge({
    name: "tickpilot_decision_lag_seconds",
    help: "Tick boundary to decision stored, over the newest scheduled decisions (last 24 h), by quantile",
    labelNames: ["quantile"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const lag = await decisionLag();
      if (lag.samples === 0) return;
      this.set({ quantile: "0.5" }, lag.p50Ms! / 1000);
      this.set({ quantile: "0.99" }, lag.p99Ms! / 1000);
      this.set({ quantile: "1" }, lag.maxMs! / 1000);
    },
  });

  new Gauge({
    name: "tickpilot_decisions_last_hour",
    help: "Decisions made in the last hour",
    registers: [registry],
    async collect() {
      const [row] = await db
        .select({ n: sql<string>`count(*)` })
        .from(decisions)
        .where(gte(decisions.createdAt, new Date(Date.now() - 3600_000)));
      this.set(Number(row?.n ?? 0));
    },
  });

  new Gauge({
    name: "tickpilot_orders_24h",
    help: "Orders by outcome over the last 24 hours",
    labelNames: ["status"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const s of ["pending", "placed", "filled", "skipped", "failed"]) this.set({ status: s }, 0);
      const rows = await db
        .select({ status: orders.status, n: sql<string>`count(*)` })
        .from(orders)
        .where(gte(orders.createdAt, new Date(Date.now() - 86_400_000)))
        .groupBy(orders.status);
      for (const r of rows) this.set({ status: r.status }, Number(r.n));
    },
  });

  new Gauge({
    name: "tickpilot_feed_lag_seconds",
    help: "Seconds since the feed leader last wrote the series (-1 = never)",
    labelNames: ["source", "symbol"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const f of await feedStatuses()) {
        this.set({ source: f.source, symbol: f.symbol }, f.lagMs == null ? -1 : f.lagMs / 1000);
      }
    },
  });

  // The LLM gauges share one read per scrape (collect() runs for each gauge within the same scrape).
  let spendRead: { at: number; value: ReturnType<typeof llmSpendToday> } | null = null;
  const spend = () => {
    if (!spendRead || Date.now() - spendRead.at > 1000)
      spendRead = { at: Date.now(), value: llmSpendToday() };
    return spendRead.value;
  };
  new Gauge({
    name: "tickpilot_llm_tokens_today",
    help: "LLM tokens used since 00:00 UTC",
    registers: [registry],
    async collect() {
      this.set((await spend()).tokens);
    },
  });
  new Gauge({
    name: "tickpilot_llm_cost_usd_today",
    help: "LLM cost in USD since 00:00 UTC",
    registers: [registry],
    async collect() {
      this.set((await spend()).costUsd);
    },
  });
  new Gauge({
    name: "tickpilot_llm_token_budget",
    help: "Daily LLM token budget in force",
    registers: [registry],
    async collect() {
      this.set((await spend()).budget);
    },
  });
  new Gauge({
    name: "tickpilot_llm_budget_used_ratio",
    help: "Share of the daily LLM token budget used (1 = spent)",
    registers: [registry],
    async collect() {
      this.set((await spend()).usedRatio);
    },
  });
  new Gauge({
    name: "tickpilot_llm_budget_warning",
    help: "1 when the LLM provider is in use and 80 % or more of the daily token budget is spent",
    registers: [registry],
    async collect() {
      this.set((await spend()).warning ? 1 : 0);
    },
  });
  // Liveness checks (the same /api/health reports): one read per scrape for both gauges.
  let liveRead: { at: number; value: ReturnType<typeof liveness> } | null = null;
  const live = () => {
    if (!liveRead || Date.now() - liveRead.at > 1000) liveRead = { at: Date.now(), value: liveness() };
    return liveRead.value;
  };
  new Gauge({
    name: "tickpilot_liveness_ok",
    help: "1 while a liveness check holds: decisions on schedule, execute queue moving, no order stuck pending",
    labelNames: ["check"] as const,
    registers: [registry],
    async collect() {
      const l = await live();
      for (const check of ["decisions", "executeQueue", "pendingOrders"] as const)
        this.set({ check }, l[check].ok ? 1 : 0);
    },
  });
  new Gauge({
    name: "tickpilot_orders_stuck_pending",
    help: "Order rows pending longer than STUCK_PENDING_SECONDS",
    registers: [registry],
    async collect() {
      this.set((await live()).pendingOrders.stuck);
    },
  });
  new Gauge({
    name: "tickpilot_workers_live",
    help: "Worker processes with a recent heartbeat",
    registers: [registry],
    async collect() {
      this.set((await liveWorkers()).length);
    },
  });
  new Gauge({
    name: "tickpilot_kill_switch",
    help: "1 while the global kill switch is on",
    registers: [registry],
    async collect() {
      this.set((await getSystemSetting("killSwitch")) ? 1 : 0);
    },
  });
  addLiveSyncMetrics(registry);
  return registry;
}

/** This process's registry (built once). */
export function metricsRegistry(): Registry {
  return (globalForMetrics.__tpMetrics ??= build());
}

/** Let other modules (workers) add their own metrics to this process's registry. */
export function registerMetric(metric: Metric): void {
  metricsRegistry().registerMetric(metric);
}
