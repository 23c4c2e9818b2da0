// The built-in strategy over the bundled month (real Binance candles), through the backtester: every risk level
// trades, within the capital targets, and every entry obeys the rules (cost-aware target, volatility stop above
// the floor, 1x leverage, no churn, a cooldown after each stop-out).
import { beforeAll, describe, expect, it } from "vitest";
import { loadCandleFile } from "@/lib/backtest/load-candles";
import { runBacktest, type BacktestReport } from "@/lib/backtest/run-backtest";
import type { RiskLevel } from "@/lib/decision/build-prompt";
import type { GroupOutcome } from "@/lib/decision/decide-group";
import { marketView } from "@/lib/decision/market-view";
import { builtinDecision } from "@/lib/decision/providers/builtin";
import { PROFILES, RULES } from "@/lib/decision/providers/builtin-rules";

const RULES_PAPER = { slippageBps: 2, takerFee: 0.00055, maintenanceMargin: 0.005 };
const ROUND_TRIP = 2 * (0.00055 + 0.0002);
let report: BacktestReport;
const outcomes: Array<{ level: RiskLevel; out: GroupOutcome }> = [];

beforeAll(async () => {
  const { candles } = await loadCandleFile("data/binance-btcusdt-1m-2024-12.csv.gz");
  report = await runBacktest({
    symbol: "BTCUSDT",
    candles,
    levels: ["low", "medium", "high"],
    provider: "builtin",
    model: "indicators-v1",
    callModel: () => Promise.reject(new Error("no model")),
    rules: RULES_PAPER,
    tickMs: 300_000,
    historyMinutes: 3120,
    onOutcome: (level, out) => outcomes.push({ level, out }),
  });
}, 120_000);

describe("the bundled month (Dec 2024)", () => {
  it.each(["low", "medium", "high"] as const)("%s trades, within the targets after fees", (level) => {
    const m = report.levels.find((l) => l.level === level)!.metrics;
    expect(m.trades).toBeGreaterThan(0);
    expect(m.tradesPerDay).toBeLessThanOrEqual(12);
    expect(m.maxDrawdown).toBeLessThanOrEqual(0.1);
    expect(m.returnAfterFees).toBeGreaterThanOrEqual(-0.02);
  });

  it("decides every tick of every level with status ok, and explains each decision", () => {
    // (the first few ticks have fewer than the 30 candles a view needs: nothing to decide from)
    expect(outcomes.length).toBeGreaterThanOrEqual(3 * (report.ticks - 6));
    for (const { out } of outcomes) {
      expect(out.status).toBe("ok");
      expect(out.decision.reason.length).toBeGreaterThan(20);
    }
  });

  it("enters only with a target of 3+ round trips and twice a stop above the floor, at 1x", () => {
    const entries = outcomes.filter(
      (o) => o.out.decision.action === "buy" || o.out.decision.action === "sell",
    );
    expect(entries.length).toBeGreaterThanOrEqual(report.levels.reduce((n, l) => n + l.metrics.trades, 0));
    for (const { out } of entries) {
      const d = out.decision;
      expect(d.leverage).toBe(1);
      expect(d.stop_loss).toBeGreaterThanOrEqual(2 * ROUND_TRIP);
      expect(d.take_profit).toBeGreaterThanOrEqual(RULES.minTargetCosts * ROUND_TRIP);
      expect(d.take_profit).toBeCloseTo(d.stop_loss * RULES.rewardRisk, 3);
      expect(d.confidence).toBeGreaterThanOrEqual(0.6);
      expect(d.reason).toMatch(/^(Long|Short): 15m (up|down)trend/);
    }
  });

  it("holds an open position instead of repeating the entry (no churn)", () => {
    for (const level of report.levels) {
      const repeats = level.decisions.filter(
        (d) => d.outcome.status === "skipped" && /^Already (long|short)/.test(d.outcome.reason),
      );
      expect(repeats).toEqual([]);
    }
    expect(outcomes.some((o) => o.out.decision.reason.startsWith("Keeping the "))).toBe(true);
  });

  it("sits out after a stop-out for the level's cooldown", () => {
    let stops = 0;
    for (const level of report.levels) {
      const cooldown = PROFILES[level.level].cooldownBars * 300_000;
      level.trades.forEach((t, i) => {
        const next = level.trades[i + 1];
        if (t.exitReason !== "stop_loss" || !next) return;
        stops += 1;
        // The strategy books its own stop-out on the 5m bar the account's 1m stop fell in.
        expect(next.openedAt - t.closedAt).toBeGreaterThanOrEqual(cooldown - 300_000);
      });
    }
    expect(stops).toBeGreaterThan(0);
    expect(outcomes.some((o) => o.out.decision.reason.startsWith("Cooling down after the stop-out"))).toBe(
      true,
    );
  });
});

describe("builtinDecision", () => {
  it("is deterministic and never goes below the stop floor it is given", async () => {
    const { candles } = await loadCandleFile("data/binance-btcusdt-1m-2024-12.csv.gz");
    const view = marketView(candles.slice(10_000, 13_120))!;
    for (const level of ["low", "medium", "high"] as const) {
      const a = builtinDecision(view, level, 5, 0.004, ROUND_TRIP);
      expect(builtinDecision(view, level, 5, 0.004, ROUND_TRIP)).toEqual(a);
      expect(a.stop_loss).toBeGreaterThanOrEqual(0.004);
    }
    expect(builtinDecision(marketView(candles.slice(0, 600))!, "low", 3, 0.003, ROUND_TRIP)).toMatchObject({
      action: "hold",
      reason: expect.stringMatching(/^Warming up/),
    });
  });
});
