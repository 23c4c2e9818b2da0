import "server-only";
// System status for the console and metrics: feeds, per-symbol decision state, LLM spend, workers.
import { and, desc, eq, gte, sql } from "drizzle-orm";
import { db } from "@/db";
import { decisions } from "@/db/schema";
import { env } from "@/lib/env";
import { redis, rkey } from "@/lib/redis";
import { getSystemSetting } from "@/lib/system/settings";
import { liveWorkers, type WorkerInfo } from "@/lib/workers/heartbeat";
import { defaultProvider } from "@/lib/decision/provider-config";

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

/** LLM use since 00:00 UTC against the effective daily budget. */
export interface LlmSpend {
  tokens: number;
  costUsd: number;
  budget: number;
  calls: number;
}

/** Today 00:00 UTC. */
export function startOfUtcDay(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
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
      calls: sql<string>`count(*)`,
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
          where: and(eq(decisions.symbol, symbol)),
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

/** LLM tokens, cost and calls today against the budget (system setting, else env). */
export async function llmSpendToday(now = new Date()): Promise<LlmSpend> {
  const [usage, budget] = await Promise.all([
    usageBySymbol(startOfUtcDay(now)),
    getSystemSetting("dailyTokenBudget"),
  ]);
  let tokens = 0;
  let costUsd = 0;
  let calls = 0;
  for (const u of usage.values()) {
    tokens += u.tokens;
    costUsd += u.cost;
    calls += u.calls;
  }
  return { tokens, costUsd, calls, budget: budget ?? env.DAILY_TOKEN_BUDGET };
}

/** The whole status page in one read. */
export async function systemStatus() {
  const [feeds, symbols, spend, workers, killSwitch, provider, model] = await Promise.all([
    feedStatuses(),
    symbolStatuses(),
    llmSpendToday(),
    liveWorkers() as Promise<WorkerInfo[]>,
    getSystemSetting("killSwitch"),
    getSystemSetting("provider"),
    getSystemSetting("model"),
  ]);
  return {
    feeds,
    symbols,
    spend,
    workers,
    killSwitch,
    provider: provider ?? defaultProvider(),
    model: model ?? env.OPENAI_MODEL,
    checkedAt: Date.now(),
  };
}

export type SystemStatus = Awaited<ReturnType<typeof systemStatus>>;
