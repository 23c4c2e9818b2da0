import "server-only";
// System status for the console and metrics: feeds, per-symbol decision state, LLM spend, workers, live accounts
// (reconcile lag, rate limits, accounts out of sync).
import { and, desc, eq, gte, isNotNull, ne, sql } from "drizzle-orm";
import { db } from "@/db";
import { decisions } from "@/db/schema";
import { BUDGET_WARN_AT, modelPrices, startOfUtcDay, tokenBudget } from "@/lib/decision/budget";
import { providerConfig, tickIntervalMs } from "@/lib/decision/provider-config";
import { env } from "@/lib/env";
import { redis, rkey } from "@/lib/redis";
import { liveness } from "@/lib/system/liveness";
import { getSystemSetting } from "@/lib/system/settings";
import { liveWorkers, type WorkerInfo } from "@/lib/workers/heartbeat";
import { liveSyncStats, outOfSyncAccounts } from "./live-sync";

export { startOfUtcDay };

/** One market feed series as the feed leader last reported it. */
export interface FeedStatus {
  source: string;
  symbol: string;
  leader: string | null;
  lastUpdate: number | null;
  lastCandleTime: number | null;
  /** ms since the leader last wrote; null when it never did. */
  lagMs: number | null;
}

/** Per-symbol decision state. */
export interface SymbolStatus {
  symbol: string;
  paused: boolean;
  safeMode: boolean;
  safeSince: number | null;
  failures: number;
  lastError: string | null;
  lastDecision: {
    id: number;
    action: string;
    status: string;
    provider: string;
    model: string;
    latencyMs: number;
    confidence: number;
    createdAt: Date;
  } | null;
  tokensToday: number;
  costToday: number;
}

/** LLM use since 00:00 UTC against the daily budget in force. */
export interface LlmSpend {
  tokens: number;
  costUsd: number;
  budget: number;
  /** Where the budget comes from, and how a derived one was computed. */
  budgetSource: "admin" | "env" | "derived";
  budgetFormula: string | null;
  /** tokens / budget (1 = spent). */
  usedRatio: number;
  /** At or past BUDGET_WARN_AT (80 %) of the budget. */
  warning: boolean;
  /** Provider calls made (holds that asked no model are not calls). */
  calls: number;
  /** The configured model has no entry in the price table (costs use the OPENAI_PRICE_* fallback). */
  unpricedModel: string | null;
}

/** Boundary → decision stored, over recent scheduled decisions. */
export interface DecisionLag {
  samples: number;
  p50Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
}

const num = (v: string | undefined | null) =>
  v == null || v === "" || Number.isNaN(Number(v)) ? null : Number(v);

/** Every configured feed (env MARKET_SOURCE × MARKET_SYMBOLS) read from its Redis status hash. */
export async function feedStatuses(now = Date.now()): Promise<FeedStatus[]> {
  const source = env.MARKET_SOURCE;
  return Promise.all(
    env.MARKET_SYMBOLS.map(async (symbol) => {
      const h = await redis().hgetall(rkey(`feed:${source}:${symbol}:1m`));
      const lastUpdate = num(h.lastUpdate);
      return {
        source: h.source || source,
        symbol,
        leader: h.leader || null,
        lastUpdate,
        lastCandleTime: num(h.lastCandleTime),
        lagMs: lastUpdate == null ? null : Math.max(0, now - lastUpdate),
      };
    }),
  );
}

/** Tokens and cost per symbol since 00:00 UTC. */
async function usageBySymbol(since: Date) {
  const rows = await db
    .select({
      symbol: decisions.symbol,
      tokens: sql<string>`coalesce(sum(${decisions.promptTokens} + ${decisions.completionTokens}), 0)`,
      cost: sql<string>`coalesce(sum(${decisions.costUsd}), 0)`,
      // A call reached the provider: it used tokens or failed on the way (built-in decisions are not calls).
      calls: sql<string>`coalesce(sum(${decisions.provider} = 'openai' and (${decisions.promptTokens} > 0 or ${decisions.status} = 'failed')), 0)`,
    })
    .from(decisions)
    .where(gte(decisions.createdAt, since))
    .groupBy(decisions.symbol);
  return new Map(
    rows.map((r) => [r.symbol, { tokens: Number(r.tokens), cost: Number(r.cost), calls: Number(r.calls) }]),
  );
}

/** Decision state for every served symbol. */
export async function symbolStatuses(now = new Date()): Promise<SymbolStatus[]> {
  const [paused, usage] = await Promise.all([
    getSystemSetting("pausedSymbols"),
    usageBySymbol(startOfUtcDay(now)),
  ]);
  return Promise.all(
    env.MARKET_SYMBOLS.map(async (symbol) => {
      const [h, last] = await Promise.all([
        redis().hgetall(rkey(`decide:state:${symbol}`)),
        db.query.decisions.findFirst({
          // The loop's newest decision (a user's signal webhook alert is not the loop deciding).
          where: and(eq(decisions.symbol, symbol), ne(decisions.provider, "signal")),
          orderBy: desc(decisions.id),
          columns: {
            id: true,
            action: true,
            status: true,
            provider: true,
            model: true,
            latencyMs: true,
            confidence: true,
            createdAt: true,
          },
        }),
      ]);
      const u = usage.get(symbol);
      return {
        symbol,
        paused: paused.includes(symbol),
        safeMode: h.safeMode === "1",
        safeSince: num(h.safeSince),
        failures: num(h.failures) ?? 0,
        lastError: h.lastError || null,
        lastDecision: last ?? null,
        tokensToday: u?.tokens ?? 0,
        costToday: u?.cost ?? 0,
      };
    }),
  );
}

/** LLM tokens, cost and calls today against the budget in force (admin setting, env, or derived). */
export async function llmSpendToday(now = new Date()): Promise<LlmSpend> {
  const [usage, budget, prices, cfg] = await Promise.all([
    usageBySymbol(startOfUtcDay(now)),
    tickIntervalMs().then((interval) => tokenBudget(interval)),
    modelPrices(),
    providerConfig(),
  ]);
  let tokens = 0;
  let costUsd = 0;
  let calls = 0;
  for (const u of usage.values()) {
    tokens += u.tokens;
    costUsd += u.cost;
    calls += u.calls;
  }
  const usedRatio = budget.tokens > 0 ? tokens / budget.tokens : tokens > 0 ? 1 : 0;
  return {
    tokens,
    costUsd,
    calls,
    budget: budget.tokens,
    budgetSource: budget.source,
    budgetFormula: budget.formula,
    usedRatio,
    warning: cfg.provider === "openai" && usedRatio >= BUDGET_WARN_AT,
    unpricedModel: cfg.provider === "openai" && !prices[cfg.model] ? cfg.model : null,
  };
}

const LAG_SAMPLES = 2_000;

/** p50 / p99 of boundary → decision stored, over the newest scheduled decisions. */
export async function decisionLag(): Promise<DecisionLag> {
  const rows = await db
    .select({ ms: decisions.lagMs })
    .from(decisions)
    .where(and(isNotNull(decisions.lagMs), gte(decisions.createdAt, new Date(Date.now() - 86_400_000))))
    .orderBy(desc(decisions.createdAt))
    .limit(LAG_SAMPLES);
  const sorted = rows.map((r) => r.ms!).sort((a, b) => a - b);
  const at = (q: number) =>
    sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! : null;
  return { samples: sorted.length, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: sorted.at(-1) ?? null };
}

/** The whole status page in one read. */
export async function systemStatus() {
  const [feeds, symbols, spend, lag, live, workers, killSwitch, cfg, sync, outOfSync] = await Promise.all([
    feedStatuses(),
    symbolStatuses(),
    llmSpendToday(),
    decisionLag(),
    liveness(),
    liveWorkers() as Promise<WorkerInfo[]>,
    getSystemSetting("killSwitch"),
    providerConfig(),
    liveSyncStats(),
    outOfSyncAccounts(),
  ]);
  // The provider and model in force (what the loop really uses), not the raw settings.
  return {
    feeds,
    symbols,
    spend,
    lag,
    liveness: live,
    workers,
    reconcile: sync.reconcile,
    rateLimits: sync.rateLimits,
    outOfSync,
    killSwitch,
    provider: cfg.provider,
    model: cfg.model,
    checkedAt: Date.now(),
  };
}

export type SystemStatus = Awaited<ReturnType<typeof systemStatus>>;
