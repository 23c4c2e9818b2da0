// The backtester's engine: a tick reads only closed candles (changing later candles never changes its decision),
// entries fill at the next candle's open with the paper exchange's slippage and fee, a candle spanning stop and
// target fills the stop, and hold / same side keep the position while the opposite side flips it.
import { describe, expect, it } from "vitest";
import { runEngine, providerDecide, type DecideFn, type TickDecision } from "@/lib/backtest/engine";
import { loadCandleFile } from "@/lib/backtest/load-candles";
import { standardSettings } from "@/lib/backtest/run-backtest";
import type { Candle } from "@/lib/market/types";

const RULES = { slippageBps: 2, takerFee: 0.00055, maintenanceMargin: 0.005 };
const T0 = Date.UTC(2024, 11, 1);
const MIN = 60_000;

// Flat candles at 100 from T0, with `changes` replacing the candles at given minutes.
function series(minutes: number, changes: Record<number, Partial<Candle>> = {}): Candle[] {
  return Array.from({ length: minutes }, (_, i) => ({
    t: T0 + i * MIN,
    o: 100,
    h: 100,
    l: 100,
    c: 100,
    v: 1,
    ...changes[i],
  }));
}

const decision = (d: Partial<TickDecision> & Pick<TickDecision, "action">): TickDecision => ({
  confidence: 0.8,
  leverage: 1,
  stop_loss: 0.01,
  take_profit: 0.02,
  reason: "test",
  ...d,
});

// Decides from a script: minute of the tick → decision.
const scripted =
  (script: Record<number, TickDecision>): DecideFn =>
  async (_level, t) =>
    script[(t - T0) / MIN] ?? null;

async function run(candles: Candle[], decide: DecideFn, from = T0) {
  const result = await runEngine({
    symbol: "BTCUSDT",
    candles,
    from,
    to: candles.at(-1)!.t + MIN,
    tickMs: 5 * MIN,
    historyMinutes: 3120,
    levels: ["medium"],
    rules: RULES,
    initialBalance: 10_000,
    settings: standardSettings,
    decide,
  });
  return result.levels[0]!;
}

describe("no look-ahead", () => {
  it("changing every candle after a tick never changes that tick's decision (real data, built-in strategy)", async () => {
    const { candles } = await loadCandleFile("data/binance-btcusdt-1m-2024-12.csv.gz");
    const window = candles.slice(0, 4_800); // 80 hours: the strategy is warmed up for the last 28
    const seen = new Map<number, string>();
    const recording = (into: Map<number, string>): DecideFn => {
      const inner = providerDecide({
        symbol: "BTCUSDT",
        provider: "builtin",
        model: "indicators-v1",
        rules: RULES,
        customPrompt: null,
        callModel: () => Promise.reject(new Error("no model")),
      });
      return async (level, t, view) => {
        const d = await inner(level, t, view);
        // What the tick saw (the prompt's view: 1m and 5m indicators, trends, last rows) and what it decided.
        const v = view();
        const seen = v && {
          time: v.candleTime,
          m1: v.m1,
          m5: v.m5,
          t15: v.trend15m,
          t1h: v.trend1h,
          rows: v.last1m,
        };
        into.set(t, JSON.stringify({ seen, d }));
        return d;
      };
    };
    const from = window[3_300]!.t;
    await run(window, recording(seen), from);
    const cut = window[4_200]!.t; // a tick boundary (4,200 minutes after a whole hour)
    expect(cut % (5 * MIN)).toBe(0);
    // Everything from the cut on: prices doubled and the bars turned upside down.
    const changed = window.map((c) =>
      c.t < cut ? c : { ...c, o: 2 * c.o, h: 2 * c.h + 500, l: 2 * c.l - 500, c: 2 * c.o - (c.c - c.o) },
    );
    const after = new Map<number, string>();
    await run(changed, recording(after), from);
    const ticks = [...seen.keys()].filter((t) => t <= cut);
    expect(ticks.length).toBeGreaterThan(150);
    for (const t of ticks) expect(after.get(t), new Date(t).toISOString()).toBe(seen.get(t));
    // …and the view after the cut did see the change.
    const later = [...seen.keys()].filter((t) => t > cut + 5 * MIN);
    expect(later.some((t) => after.get(t) !== seen.get(t))).toBe(true);
  });
});

describe("fills and exits", () => {
  it("enters at the next candle's open plus slippage and pays the taker fee on both legs", async () => {
    // Tick at minute 5 buys; the boundary candle opens at 200 (the price the orders go out at).
    const candles = series(20, {
      5: { o: 200, h: 200, l: 200, c: 200 },
      6: { o: 200, h: 200, l: 200, c: 200 },
    });
    for (let i = 7; i < 20; i++) Object.assign(candles[i]!, { o: 200, h: 200, l: 200, c: 200 });
    Object.assign(candles[12]!, { h: 205, c: 204 }); // target (2 %) = 204.04 → hit at minute 12
    const lvl = await run(candles, scripted({ 5: decision({ action: "buy" }) }));
    const entry = 200 * 1.0002;
    expect(lvl.trades).toHaveLength(1);
    const t = lvl.trades[0]!;
    expect(t.entryPrice).toBeCloseTo(entry, 6);
    expect(t.openedAt).toBe(T0 + 5 * MIN);
    expect(t.exitReason).toBe("take_profit");
    expect(t.exitPrice).toBe(204); // protective prices round to cents: 200 × 1.02
    // medium risk: 1 % of 10,000 at a 1 % stop = 10,000 notional → 49.99 BTC… capped at 1x: 95 % of equity
    expect(t.qty).toBe(Math.floor(((10_000 * 0.95) / 200) * 1000) / 1000);
    expect(t.fees).toBeCloseTo(t.qty * entry * 0.00055 + t.qty * 204 * 0.00055, 6);
    expect(lvl.account.balance).toBeCloseTo(10_000 + t.pnl - t.fees, 6);
    expect(lvl.equity.at(-1)!.equity).toBeCloseTo(lvl.account.balance, 6);
  });

  it("a candle that reaches both the stop and the target fills the stop", async () => {
    const candles = series(15, { 7: { h: 103, l: 98.5, c: 100 } }); // target 102, stop 99
    const lvl = await run(candles, scripted({ 5: decision({ action: "buy" }) }));
    expect(lvl.trades.map((t) => [t.exitReason, t.exitPrice])).toEqual([["stop_loss", 99]]);
  });

  it("the entry candle's whole range counts (the entry was at its open)", async () => {
    const candles = series(15, { 5: { h: 100.2, l: 98.9, c: 100 } }); // stop at 99 inside the entry candle
    const lvl = await run(candles, scripted({ 5: decision({ action: "buy" }) }));
    expect(lvl.trades[0]).toMatchObject({ exitReason: "stop_loss", closedAt: T0 + 6 * MIN });
  });

  it("hold and the same side keep the position; the opposite side flips it; close flattens", async () => {
    const candles = series(40);
    const lvl = await run(
      candles,
      scripted({
        5: decision({ action: "buy" }),
        10: decision({ action: "hold" }),
        15: decision({ action: "buy" }),
        20: decision({ action: "sell" }),
        30: decision({ action: "close" }),
        35: decision({ action: "close" }),
      }),
    );
    expect(lvl.trades.map((t) => [t.side, t.exitReason, t.openedAt, t.closedAt])).toEqual([
      ["long", "signal", T0 + 5 * MIN, T0 + 20 * MIN],
      ["short", "signal", T0 + 20 * MIN, T0 + 30 * MIN],
    ]);
    expect(lvl.decisions.map((d) => [d.action, d.outcome])).toEqual([
      ["buy", { status: "filled", kind: "open" }],
      ["buy", { status: "skipped", reason: "Already long: keeping the open position." }],
      ["sell", { status: "filled", kind: "flip" }],
      ["close", { status: "filled", kind: "close" }],
      ["close", { status: "skipped", reason: "No open position to close." }],
    ]);
    expect(lvl.holds).toBeGreaterThan(0);
  });

  it("skips a decision under the account's confidence floor", async () => {
    const lvl = await runEngine({
      symbol: "BTCUSDT",
      candles: series(20),
      from: T0,
      to: T0 + 20 * MIN,
      tickMs: 5 * MIN,
      historyMinutes: 3120,
      levels: ["low"],
      rules: RULES,
      initialBalance: 10_000,
      settings: (level) => ({ ...standardSettings(level), minConfidence: 0.9 }),
      decide: scripted({ 5: decision({ action: "buy", confidence: 0.8 }) }),
    });
    expect(lvl.levels[0]!.decisions[0]!.outcome).toEqual({
      status: "skipped",
      reason: "Confidence 0.80 is below your minimum of 0.90.",
    });
    expect(lvl.levels[0]!.trades).toEqual([]);
  });
});
