import "server-only";
// The public track record's shadow accounts: for each symbol and risk level, a 10,000 USDT paper account that
// executes every decision of the default decision group with the standard sizing, on the candles the feed
// stored — the backtester's engine, fed the stored decisions instead of a provider. Runs every minute; each
// run continues from the account's cursor, books what happened in one transaction, then rebuilds the cached
// snapshot the public page reads.
import { randomUUID } from "node:crypto";
import { and, eq, gte, isNull, lt } from "drizzle-orm";
import { db } from "@/db";
import {
  decisions,
  trackRecordAccounts,
  trackRecordEquity,
  trackRecordOutcomes,
  trackRecordTrades,
  type TrackRecordAccount,
} from "@/db/schema";
import { runEngine, type TickDecision } from "@/lib/backtest/engine";
import { standardSettings } from "@/lib/backtest/run-backtest";
import { SimAccount, type SimAccountState } from "@/lib/backtest/sim-account";
import type { RiskLevel } from "@/lib/decision/build-prompt";
import { env } from "@/lib/env";
import { paperRules } from "@/lib/exchange/paper/rules";
import { readCandles } from "@/lib/market/series";
import type { Candle } from "@/lib/market/types";
import { redis, rkey } from "@/lib/redis";
import { rebuildSnapshot } from "./snapshot";

const MINUTE = 60_000;
/** The shadow accounts' starting balance. */
export const TRACK_RECORD_BALANCE = 10_000;
export const TRACK_RECORD_LEVELS: RiskLevel[] = ["low", "medium", "high"];
// The newest candles wait one more run: a decision is stored seconds after its candle, never minutes.
const HOLD_BACK = 2;

type Row = Pick<
  typeof decisions.$inferSelect,
  "id" | "candleTime" | "action" | "confidence" | "leverage" | "stopLoss" | "takeProfit" | "reason"
>;

// The account of a symbol and level, created at its group's first decision the stored candles still cover.
async function accountFor(
  symbol: string,
  level: RiskLevel,
  closed: Candle[],
): Promise<TrackRecordAccount | null> {
  const [existing] = await db
    .select()
    .from(trackRecordAccounts)
    .where(and(eq(trackRecordAccounts.symbol, symbol), eq(trackRecordAccounts.riskLevel, level)));
  if (existing) return existing;
  const [first] = await db
    .select({ candleTime: decisions.candleTime })
    .from(decisions)
    .where(
      and(
        eq(decisions.symbol, symbol),
        eq(decisions.riskLevel, level),
        isNull(decisions.promptHash),
        gte(decisions.candleTime, new Date(closed[0]!.t)),
      ),
    )
    .orderBy(decisions.candleTime)
    .limit(1);
  if (!first?.candleTime) return null;
  const start = first.candleTime.getTime() + MINUTE;
  const candle = closed.find((c) => c.t >= start);
  if (!candle) return null;
  await db
    .insert(trackRecordAccounts)
    .values({
      symbol,
      riskLevel: level,
      initialBalance: TRACK_RECORD_BALANCE,
      startPrice: candle.o,
      balance: TRACK_RECORD_BALANCE,
      cursor: candle.t,
      startedAt: new Date(candle.t),
    })
    .onDuplicateKeyUpdate({ set: { symbol } });
  return accountFor(symbol, level, closed);
}

/** Continue one shadow account over the candles after its cursor; returns how many decisions it consumed. */
async function advance(acct: TrackRecordAccount, closed: Candle[]): Promise<number> {
  const level = acct.riskLevel;
  const to = closed.at(-1)!.t + MINUTE;
  const from = Math.max(acct.cursor, closed[0]!.t);
  if (to <= from) return 0;
  // Each decision executes on the candle that was forming when it was made (the one after the newest it saw).
  const rows: Row[] = await db
    .select({
      id: decisions.id,
      candleTime: decisions.candleTime,
      action: decisions.action,
      confidence: decisions.confidence,
      leverage: decisions.leverage,
      stopLoss: decisions.stopLoss,
      takeProfit: decisions.takeProfit,
      reason: decisions.reason,
    })
    .from(decisions)
    .where(
      and(
        eq(decisions.symbol, acct.symbol),
        eq(decisions.riskLevel, level),
        isNull(decisions.promptHash),
        gte(decisions.candleTime, new Date(from - MINUTE)),
        lt(decisions.candleTime, new Date(to - MINUTE)),
      ),
    );
  const byFill = new Map(rows.filter((r) => r.candleTime).map((r) => [r.candleTime!.getTime() + MINUTE, r]));
  const consumed: Row[] = [];
  const rules = paperRules();
  const state = {
    balance: acct.balance,
    feesPaid: acct.feesPaid,
    position: acct.position,
  } as SimAccountState;
  const account = SimAccount.fromState(state, rules, acct.symbol, acct.initialBalance);
  const result = await runEngine({
    symbol: acct.symbol,
    candles: closed,
    from,
    to,
    tickMs: MINUTE,
    equityEveryMs: 5 * MINUTE,
    historyMinutes: 0,
    levels: [level],
    rules,
    initialBalance: acct.initialBalance,
    settings: standardSettings,
    accounts: { [level]: account },
    decide: async (_level, t) => {
      const row = byFill.get(t);
      if (!row) return null;
      consumed.push(row);
      const d: TickDecision = {
        action: row.action,
        confidence: row.confidence,
        leverage: row.leverage,
        stop_loss: row.stopLoss ?? 0.01,
        take_profit: row.takeProfit ?? 0.02,
        reason: row.reason,
      };
      return d;
    },
  });
  const run = result.levels[0]!;
  const outcomeAt = new Map(run.decisions.map((d) => [d.t, d.outcome]));
  await db.transaction(async (tx) => {
    if (run.trades.length > 0)
      await tx.insert(trackRecordTrades).values(
        run.trades.map((t) => ({
          accountId: acct.id,
          side: t.side,
          qty: t.qty,
          leverage: t.leverage,
          entryPrice: t.entryPrice,
          exitPrice: t.exitPrice,
          openedAt: new Date(t.openedAt),
          closedAt: new Date(t.closedAt),
          exitReason: t.exitReason,
          pnl: t.pnl,
          fees: t.fees,
        })),
      );
    if (run.equity.length > 0)
      await tx
        .insert(trackRecordEquity)
        .values(
          run.equity.map((p) => ({ accountId: acct.id, t: p.t, equity: p.equity, beforeFees: p.beforeFees })),
        )
        .onDuplicateKeyUpdate({ set: { accountId: acct.id } });
    if (consumed.length > 0)
      await tx
        .insert(trackRecordOutcomes)
        .values(
          consumed.map((row) => {
            const outcome = outcomeAt.get(row.candleTime!.getTime() + MINUTE);
            return {
              accountId: acct.id,
              decisionId: row.id,
              status: outcome?.status ?? "hold",
              detail:
                outcome && "reason" in outcome
                  ? outcome.reason.slice(0, 255)
                  : outcome && "kind" in outcome
                    ? outcome.kind
                    : null,
            };
          }),
        )
        .onDuplicateKeyUpdate({ set: { accountId: acct.id } });
    await tx
      .update(trackRecordAccounts)
      .set({
        balance: account.balance,
        feesPaid: account.feesPaid,
        position: account.toState().position as Record<string, unknown> | null,
        cursor: to,
        minutes: acct.minutes + run.minutes,
        exposedMinutes: acct.exposedMinutes + run.exposedMinutes,
      })
      .where(eq(trackRecordAccounts.id, acct.id));
  });
  return consumed.length;
}

/** One update of every shadow account (skipped while another process runs one), then the cached snapshot. */
export async function updateTrackRecord(): Promise<
  { accounts: number; decisions: number } | { skipped: string }
> {
  const lock = rkey("trackrecord:lock");
  const token = randomUUID();
  if (!(await redis().set(lock, token, "PX", 55_000, "NX"))) return { skipped: "another update is running" };
  try {
    let accounts = 0;
    let consumed = 0;
    for (const symbol of env.MARKET_SYMBOLS) {
      // Closed candles only (the newest member may be forming), less the newest few (see HOLD_BACK).
      const closed = (await readCandles(symbol, 5_001)).slice(0, -1 - HOLD_BACK);
      if (closed.length === 0) continue;
      for (const level of TRACK_RECORD_LEVELS) {
        const acct = await accountFor(symbol, level, closed);
        if (!acct) continue;
        accounts += 1;
        consumed += await advance(acct, closed);
      }
    }
    await rebuildSnapshot();
    return { accounts, decisions: consumed };
  } finally {
    if ((await redis().get(lock)) === token) await redis().del(lock);
  }
}
