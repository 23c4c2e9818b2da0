// Parity: the live paper path — the scheduled tick (runTick: candles → built-in strategy → decision rows →
// fan-out), the execute worker (BullMQ, paper exchange in MySQL) and the paper worker (stops and targets from the
// published candle stream) — over 47 hours of real candles gives the same trades and the same equity, tick by
// tick, as the backtester over the same candles.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq, inArray } from "drizzle-orm";
import { closeDb, db } from "@/db";
import { decisions, exchangeAccounts, orders, positions } from "@/db/schema";
import { runBacktest, type BacktestReport } from "@/lib/backtest/run-backtest";
import { paperRules } from "@/lib/exchange/paper/rules";
import { pnl } from "@/lib/exchange/paper/math";
import { env } from "@/lib/env";
import { seriesKeys } from "@/lib/market/series";
import type { Candle } from "@/lib/market/types";
import { closeQueues, getQueue } from "@/lib/queue/queues";
import { QUEUES } from "@/lib/queue/names";
import { closeRedis, redis } from "@/lib/redis";
import { setSystemSetting } from "@/lib/system/settings";
import { startExecuteWorker } from "@/workers/execute";
import { paperCursorKey, startPaperWorker } from "@/workers/paper";
import { liveReplay, shiftedDays } from "../helpers/live-replay";
import { realCandles } from "../helpers/market";
import { createTraders, disableAllTraders } from "../helpers/traders";

const SYMBOL = "BTCUSDT";
const MIN = 60_000;
const TICK = 5 * MIN;
const LEVELS = ["medium", "high"] as const;
// 2024-12-03 22:00 → 2024-12-05 21:00 UTC: two entries, one closed by the strategy after 24 h, one stopped out.
const FROM = Date.UTC(2024, 11, 3, 22);
const TO = Date.UTC(2024, 11, 5, 21);
const HISTORY = env.DECISION_HISTORY_MINUTES;
// Re-timed whole days into the future: every tick is ahead of the wall clock (never late, never stale).
const SHIFT = shiftedDays(FROM, 400);

let candles: Candle[];
let report: BacktestReport;
const users = new Map<(typeof LEVELS)[number], { id: number; accountId: number }>();
const liveEquity = new Map<string, number[]>();
let stopWorkers: () => Promise<void>;

// Equity of a user's paper account marked at `price` (what getBalance reports at that price).
async function equityOf(accountId: number, price: number): Promise<number> {
  const [acct] = await db.select().from(exchangeAccounts).where(eq(exchangeAccounts.id, accountId));
  const open = await db
    .select()
    .from(positions)
    .where(and(eq(positions.exchangeAccountId, accountId), eq(positions.status, "open")));
  return acct!.paperBalance! + open.reduce((s, p) => s + pnl(p.side, p.qty, p.entryPrice, price), 0);
}

// Wait until the paper worker has applied the candle opening at `t`.
async function applied(t: number): Promise<void> {
  await expect
    .poll(async () => Number(await redis().get(paperCursorKey(SYMBOL))), { timeout: 10_000, interval: 5 })
    .toBe(t);
}

beforeAll(async () => {
  const first = Math.round((FROM - realCandles(1)[0]!.t) / MIN) - HISTORY;
  const rows = realCandles(HISTORY + (TO - FROM) / MIN, first);
  candles = rows.map((c) => ({ ...c, t: c.t + SHIFT }));
  expect(candles[HISTORY]!.t).toBe(FROM + SHIFT);

  report = await runBacktest({
    symbol: SYMBOL,
    candles,
    from: FROM + SHIFT,
    to: TO + SHIFT,
    levels: [...LEVELS],
    provider: "builtin",
    model: "indicators-v1",
    callModel: () => Promise.reject(new Error("no model")),
    rules: paperRules(),
    tickMs: TICK,
    historyMinutes: HISTORY,
    settings: (level) => ({ riskLevel: level, maxLeverage: 5, minConfidence: 0, planMaxLeverage: 20 }),
  });

  // The installation's defaults (5-minute ticks, built-in strategy, nothing paused), only this test's traders,
  // and no paper position of another test in the way of the candles.
  for (const key of ["tickIntervalMinutes", "provider", "model"] as const)
    await setSystemSetting(key, null, null);
  await setSystemSetting("killSwitch", false, null);
  await setSystemSetting("pausedSymbols", [], null);
  await disableAllTraders();
  await db.update(positions).set({ status: "closed", openKey: null }).where(eq(positions.status, "open"));
  for (const level of LEVELS) {
    const [id] = await createTraders(1, {
      riskLevel: level,
      maxLeverage: 5,
      minConfidence: 0,
      plan: "elite",
    });
    const [acct] = await db.select().from(exchangeAccounts).where(eq(exchangeAccounts.userId, id!));
    users.set(level, { id: id!, accountId: acct!.id });
  }
  await redis().del(...seriesKeys(SYMBOL), paperCursorKey(SYMBOL));
  await getQueue(QUEUES.execute).obliterate({ force: true });
  const [execute, paper] = await Promise.all([
    startExecuteWorker(),
    startPaperWorker({ workerId: "parity" }),
  ]);
  stopWorkers = async () => {
    await Promise.all([execute.close(), paper.close()]);
  };
}, 120_000);

afterAll(async () => {
  await stopWorkers?.();
  await closeQueues();
  await closeDb();
  await closeRedis();
});

describe("live paper path vs backtest", () => {
  it("replays 47 hours tick by tick through runTick, the execute worker and the paper worker", async () => {
    const userIds = [...users.values()].map((u) => u.id);
    await liveReplay(SYMBOL, candles, HISTORY, {
      // Equity at the boundary, before the tick: marked at the close of the candle that just ended.
      beforeTick: async (t, i) => {
        for (const [level, u] of users) {
          const list = liveEquity.get(level) ?? [];
          list.push(await equityOf(u.accountId, candles[i - 1]!.c));
          liveEquity.set(level, list);
        }
      },
      // Every order a decision asked for is final before the market moves on.
      afterTick: async (t) => {
        const acting = await db
          .select({ id: decisions.id, riskLevel: decisions.riskLevel })
          .from(decisions)
          .where(
            and(
              eq(decisions.symbol, SYMBOL),
              eq(decisions.tickTime, new Date(t)),
              inArray(decisions.action, ["buy", "sell", "close"]),
            ),
          );
        for (const d of acting) {
          const mine = users.has(d.riskLevel as (typeof LEVELS)[number]) ? 1 : 0;
          await expect
            .poll(
              async () =>
                (
                  await db
                    .select()
                    .from(orders)
                    .where(and(eq(orders.decisionId, d.id), inArray(orders.userId, userIds)))
                ).filter((o) => o.status !== "pending").length,
              { timeout: 15_000, interval: 10 },
            )
            .toBe(mine);
        }
      },
      // The paper worker has applied each candle (stops and targets) before the next one.
      afterCandle: (c) => applied(c.t),
    });
  }, 600_000);

  it.each(LEVELS)("%s: the same trades and the same equity", async (level) => {
    const run = report.levels.find((l) => l.level === level)!;
    const u = users.get(level)!;
    // The stretch is worth comparing: entries, an exit by the strategy and one by the paper exchange.
    expect(run.trades.length).toBeGreaterThanOrEqual(2);
    expect(new Set(run.trades.map((t) => t.exitReason))).toEqual(new Set(["signal", "stop_loss"]));

    const closed = await db
      .select()
      .from(positions)
      .where(and(eq(positions.exchangeAccountId, u.accountId), eq(positions.status, "closed")))
      .orderBy(asc(positions.id));
    expect(closed.map((p) => [p.side, p.qty, p.entryPrice, p.closePrice, p.closeReason])).toEqual(
      run.trades.map((t) => [t.side, t.qty, t.entryPrice, t.exitPrice, t.exitReason]),
    );
    closed.forEach((p, k) => {
      expect(p.realizedPnl).toBeCloseTo(run.trades[k]!.pnl, 6);
      expect(p.fees).toBeCloseTo(run.trades[k]!.fees, 6);
    });

    // Equity at every tick boundary, and at the end.
    const live = liveEquity.get(level)!;
    const sim = run.equity.filter((p) => p.t % TICK === 0 && p.t > FROM + SHIFT && p.t < TO + SHIFT);
    expect(live.slice(1)).toHaveLength(sim.length);
    sim.forEach((p, k) => expect(live[k + 1]!, new Date(p.t - SHIFT).toISOString()).toBeCloseTo(p.equity, 4));
    const end = await equityOf(u.accountId, candles.at(-1)!.c);
    expect(end).toBeCloseTo(run.metrics.endEquity, 4);
    expect(end).not.toBe(10_000);

    // Every decision that asked for an order has the same outcome in the trade log.
    const rows = await db
      .select()
      .from(orders)
      .where(and(eq(orders.userId, u.id)))
      .orderBy(asc(orders.id));
    const fromDecisions = rows.filter((o) => o.decisionId !== null).map((o) => o.status);
    expect(fromDecisions).toEqual(run.decisions.map((d) => d.outcome.status));
  });
});
