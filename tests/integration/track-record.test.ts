// The public track record: real ticks (runTick, built-in strategy) store the default groups' decisions over 26
// hours of real candles; the update (run twice, resuming from its cursor) makes each shadow account follow every
// decision exactly as a backtest of the same candles with the standard sizing does; the public API serves the
// cached snapshot and pages every decision with its reason, without a session.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, count, eq, isNull } from "drizzle-orm";
import { GET as getDecisions } from "@/app/api/track-record/[accountId]/decisions/route";
import { GET as getTrackRecord } from "@/app/api/track-record/route";
import { closeDb, db } from "@/db";
import { decisions, trackRecordAccounts, trackRecordOutcomes, trackRecordTrades } from "@/db/schema";
import { runBacktest, standardSettings, type BacktestReport } from "@/lib/backtest/run-backtest";
import { env } from "@/lib/env";
import { paperRules } from "@/lib/exchange/paper/rules";
import { seriesKeys } from "@/lib/market/series";
import { closeRedis, redis, rkey } from "@/lib/redis";
import { setSystemSetting } from "@/lib/system/settings";
import { readSnapshot, type TrackRecordSnapshot } from "@/lib/track-record/snapshot";
import { updateTrackRecord } from "@/lib/track-record/update";
import { jsonRequest } from "../helpers/as-user";
import { liveReplay, shiftedDays } from "../helpers/live-replay";
import { realCandles } from "../helpers/market";
import { disableAllTraders } from "../helpers/traders";

const SYMBOL = "BTCUSDT";
const FROM = Date.UTC(2024, 11, 3, 22);
const TO = Date.UTC(2024, 11, 5, 0);
const HISTORY = env.DECISION_HISTORY_MINUTES;
const SHIFT = shiftedDays(FROM, 600);
let candles: ReturnType<typeof realCandles>;
let report: BacktestReport;
let snapshot: TrackRecordSnapshot;

beforeAll(async () => {
  for (const key of ["tickIntervalMinutes", "provider", "model"] as const)
    await setSystemSetting(key, null, null);
  await setSystemSetting("pausedSymbols", [], null);
  await disableAllTraders();
  await db.delete(trackRecordAccounts);
  await redis().del(...seriesKeys(SYMBOL), rkey("trackrecord:snapshot"));
  const first = Math.round((FROM - realCandles(1)[0]!.t) / 60_000) - HISTORY;
  candles = realCandles(HISTORY + (TO - FROM) / 60_000, first).map((c) => ({ ...c, t: c.t + SHIFT }));
  const midway = FROM + SHIFT + 13 * 3_600_000;
  await liveReplay(SYMBOL, candles, HISTORY, {
    afterTick: async (t) => {
      if (t === midway) expect(await updateTrackRecord()).toMatchObject({ accounts: 3 });
    },
  });
  await updateTrackRecord();
  const [acct] = await db.select().from(trackRecordAccounts).limit(1);
  report = await runBacktest({
    symbol: SYMBOL,
    candles,
    from: FROM + SHIFT,
    to: acct!.cursor,
    levels: ["low", "medium", "high"],
    provider: "builtin",
    model: "indicators-v1",
    callModel: () => Promise.reject(new Error("no model")),
    rules: paperRules(),
    tickMs: 300_000,
    historyMinutes: HISTORY,
    settings: standardSettings,
  });
  snapshot = await readSnapshot();
}, 600_000);

afterAll(async () => {
  await closeDb();
  await closeRedis();
});

describe("shadow accounts", () => {
  it("start at the first default decision, one per risk level, with 10,000 USDT", async () => {
    const accounts = await db.select().from(trackRecordAccounts);
    expect(accounts.map((a) => a.riskLevel).sort()).toEqual(["high", "low", "medium"]);
    for (const a of accounts) {
      expect(a.startedAt.getTime()).toBe(FROM + SHIFT);
      expect(a.initialBalance).toBe(10_000);
      // the newest candles wait for the next update (a decision is never stored minutes after its candle)
      expect(a.cursor).toBe(candles.at(-3)!.t);
    }
  });

  it.each(["low", "medium", "high"] as const)(
    "%s follows every decision like a backtest of the same candles",
    async (level) => {
      const [acct] = await db
        .select()
        .from(trackRecordAccounts)
        .where(eq(trackRecordAccounts.riskLevel, level));
      const run = report.levels.find((l) => l.level === level)!;
      const trades = await db
        .select()
        .from(trackRecordTrades)
        .where(eq(trackRecordTrades.accountId, acct!.id));
      expect(
        trades.map((t) => [t.side, t.qty, t.entryPrice, t.exitPrice, t.exitReason, t.openedAt.getTime()]),
      ).toEqual(run.trades.map((t) => [t.side, t.qty, t.entryPrice, t.exitPrice, t.exitReason, t.openedAt]));
      trades.forEach((t, k) =>
        expect(t.pnl - t.fees).toBeCloseTo(run.trades[k]!.pnl - run.trades[k]!.fees, 6),
      );
      const shown = snapshot.accounts.find((a) => a.riskLevel === level)!;
      expect(shown.equity).toBeCloseTo(run.equity.at(-1)!.equity, 4);
      expect(shown.metrics.trades).toBe(run.metrics.trades);
      expect(shown.metrics.maxDrawdown).toBeCloseTo(run.metrics.maxDrawdown, 6);
      // Every decision of the group with its candle in the period, holds included, has an outcome.
      const stored = await db
        .select({ n: count() })
        .from(decisions)
        .where(
          and(eq(decisions.symbol, SYMBOL), eq(decisions.riskLevel, level), isNull(decisions.promptHash)),
        );
      const [outcomes] = await db
        .select({ n: count() })
        .from(trackRecordOutcomes)
        .where(eq(trackRecordOutcomes.accountId, acct!.id));
      expect(outcomes!.n).toBeGreaterThan(300);
      expect(outcomes!.n).toBeLessThanOrEqual(stored[0]!.n);
      expect(run.decisions.length).toBe(
        (
          await db.select().from(trackRecordOutcomes).where(eq(trackRecordOutcomes.accountId, acct!.id))
        ).filter((o) => o.status !== "hold").length,
      );
    },
  );

  it("trades in the period under test (the comparison is not empty)", () => {
    expect(report.levels.reduce((n, l) => n + l.trades.length, 0)).toBeGreaterThan(0);
  });
});

describe("public API", () => {
  it("serves the cached snapshot to anyone, with cache headers", async () => {
    const res = await getTrackRecord(new Request("http://test/api/track-record"), undefined);
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toMatch(/public/);
    const body = (await res.json()) as TrackRecordSnapshot;
    expect(body.accounts.map((a) => a.riskLevel)).toEqual(["low", "medium", "high"]);
    expect(body.accounts[1]!.curve.length).toBeGreaterThan(100);
    expect(body.accounts[1]!.decisions[0]!.reason.length).toBeGreaterThan(10);
  });

  it("pages every decision with its reason and outcome; bad input is a 400, an unknown account a 404", async () => {
    const id = snapshot.accounts.find((a) => a.riskLevel === "high")!.id;
    const page = async (query: string, account = String(id)) => {
      const res = await getDecisions(jsonRequest(`/api/track-record/${account}/decisions${query}`), {
        params: Promise.resolve({ accountId: account }),
      });
      return {
        status: res.status,
        body: (await res.json()) as {
          items: { tickTime: string; reason: string; status: string }[];
          total: number;
        },
      };
    };
    const first = await page("?page=1&limit=10");
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(10);
    expect(first.body.total).toBeGreaterThan(300);
    const times = first.body.items.map((d) => d.tickTime);
    expect(times).toEqual([...times].sort().reverse());
    const all = await page(`?page=1&limit=100`);
    expect(all.body.items.every((d) => d.reason.length > 0 && d.status.length > 0)).toBe(true);
    expect((await page("?page=0")).status).toBe(400);
    expect((await page("?limit=500")).status).toBe(400);
    expect((await page("", "999999")).status).toBe(404);
    expect((await page("", "abc")).status).toBe(404);
  });
});
