import "server-only";
// What the public track record shows, built from the stored rows after each update and kept in Redis, so the page
// and GET /api/track-record answer from one cached read however many visitors come. Every decision (with its
// reason and what the shadow account did) is paged from MySQL separately.
import { asc, count, desc, eq } from "drizzle-orm";
import { db } from "@/db";
import {
  decisions,
  trackRecordAccounts,
  trackRecordEquity,
  trackRecordOutcomes,
  trackRecordTrades,
  type TrackRecordAccount,
} from "@/db/schema";
import { computeMetrics, type Metrics } from "@/lib/backtest/metrics";
import { chartCurve, tradeView, type ChartPoint, type ClosedTrade } from "@/lib/backtest/result";
import { latestCandle } from "@/lib/market/series";
import { redis, rkey } from "@/lib/redis";

const KEY = () => rkey("trackrecord:snapshot");

/** One shadow account as the public page shows it. */
export interface AccountSnapshot {
  id: number;
  symbol: string;
  riskLevel: TrackRecordAccount["riskLevel"];
  startedAt: string;
  initialBalance: number;
  equity: number;
  metrics: Metrics;
  curve: ChartPoint[];
  position: { side: "long" | "short"; qty: number; entryPrice: number; openedAt: string } | null;
  trades: ReturnType<typeof tradeView>[];
  decisions: DecisionEntry[];
}

/** A decision of a default group, with what its shadow account did. */
export interface DecisionEntry {
  id: number;
  tickTime: string;
  action: string;
  confidence: number;
  reason: string;
  status: string;
  detail: string | null;
}

export interface TrackRecordSnapshot {
  builtAt: string;
  accounts: AccountSnapshot[];
}

/** A page of an account's decisions, newest first. */
export async function accountDecisions(accountId: number, page: number, limit: number) {
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: decisions.id,
        tickTime: decisions.tickTime,
        action: decisions.action,
        confidence: decisions.confidence,
        reason: decisions.reason,
        status: trackRecordOutcomes.status,
        detail: trackRecordOutcomes.detail,
      })
      .from(trackRecordOutcomes)
      .innerJoin(decisions, eq(decisions.id, trackRecordOutcomes.decisionId))
      .where(eq(trackRecordOutcomes.accountId, accountId))
      .orderBy(desc(trackRecordOutcomes.decisionId))
      .limit(limit)
      .offset((page - 1) * limit),
    db.select({ n: count() }).from(trackRecordOutcomes).where(eq(trackRecordOutcomes.accountId, accountId)),
  ]);
  const items: DecisionEntry[] = rows.map((r) => ({ ...r, tickTime: r.tickTime.toISOString() }));
  return { items, page, limit, total: total?.n ?? 0 };
}

async function accountSnapshot(acct: TrackRecordAccount): Promise<AccountSnapshot> {
  const [points, trades, latest, recent] = await Promise.all([
    db
      .select({ t: trackRecordEquity.t, equity: trackRecordEquity.equity })
      .from(trackRecordEquity)
      .where(eq(trackRecordEquity.accountId, acct.id))
      .orderBy(asc(trackRecordEquity.t)),
    db
      .select()
      .from(trackRecordTrades)
      .where(eq(trackRecordTrades.accountId, acct.id))
      .orderBy(asc(trackRecordTrades.closedAt)),
    latestCandle(acct.symbol),
    accountDecisions(acct.id, 1, 50),
  ]);
  const last = points.at(-1);
  const metrics = computeMetrics({
    start: acct.initialBalance,
    curve: points,
    trades,
    feesPaid: acct.feesPaid,
    exposedMinutes: acct.exposedMinutes,
    minutes: acct.minutes,
    from: acct.startedAt.getTime(),
    to: last ? last.t : acct.startedAt.getTime() + 60_000,
    firstPrice: acct.startPrice,
    lastPrice: latest?.c ?? acct.startPrice,
  });
  const pos = acct.position as {
    side: "long" | "short";
    qty: number;
    entryPrice: number;
    openedAt: number;
  } | null;
  return {
    id: acct.id,
    symbol: acct.symbol,
    riskLevel: acct.riskLevel,
    startedAt: acct.startedAt.toISOString(),
    initialBalance: acct.initialBalance,
    equity: last?.equity ?? acct.balance,
    metrics,
    curve: chartCurve(points, 1_000),
    position: pos
      ? {
          side: pos.side,
          qty: pos.qty,
          entryPrice: pos.entryPrice,
          openedAt: new Date(pos.openedAt).toISOString(),
        }
      : null,
    trades: trades
      .slice(-50)
      .reverse()
      .map((t) => tradeView({ ...t, exitReason: t.exitReason as ClosedTrade["exitReason"] })),
    decisions: recent.items,
  };
}

const LEVEL_ORDER = { low: 0, medium: 1, high: 2 } as const;

/** Build the snapshot from the stored rows and cache it. */
export async function rebuildSnapshot(): Promise<TrackRecordSnapshot> {
  const accounts = await db.select().from(trackRecordAccounts);
  accounts.sort(
    (a, b) => a.symbol.localeCompare(b.symbol) || LEVEL_ORDER[a.riskLevel] - LEVEL_ORDER[b.riskLevel],
  );
  const snapshot: TrackRecordSnapshot = {
    builtAt: new Date().toISOString(),
    accounts: await Promise.all(accounts.map(accountSnapshot)),
  };
  await redis().set(KEY(), JSON.stringify(snapshot));
  return snapshot;
}

/** The cached snapshot (built on the spot when the cache is empty, e.g. after Redis was flushed). */
export async function readSnapshot(): Promise<TrackRecordSnapshot> {
  const cached = await redis().get(KEY());
  if (cached) return JSON.parse(cached) as TrackRecordSnapshot;
  return rebuildSnapshot();
}

/** Whether a track-record account exists (the decisions API answers 404 otherwise). */
export async function accountExists(id: number): Promise<boolean> {
  const [row] = await db
    .select({ id: trackRecordAccounts.id })
    .from(trackRecordAccounts)
    .where(eq(trackRecordAccounts.id, id));
  return Boolean(row);
}
