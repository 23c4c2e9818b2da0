// Backtest speed (issue #13): the bundled month (Dec 2024, 41,761 1m candles, 8,353 ticks), built-in strategy,
// all three risk levels, through the backtester (lib/backtest: the live functions, no I/O) — against the naive
// alternative measured in the same run: the live path called once per decision (candles written to Redis with the
// feed's upsert, the market view read back, each decision saved to MySQL, executeForUser on the paper exchange,
// the paper worker's applyCandleToPaperPositions on every candle), timed on a sample and extrapolated.
// Run: npm run bench:backtest [-- --runs 3 --sample-hours 24]
import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";
import { createTestEnv, destroyTestEnv } from "../tests/setup/test-env";

const { values: args } = parseArgs({
  options: { runs: { type: "string", default: "3" }, "sample-hours": { type: "string", default: "24" } },
});
const RUNS = Number(args.runs);
const SAMPLE_HOURS = Number(args["sample-hours"]);
const DATA = "data/binance-btcusdt-1m-2024-12.csv.gz";
const RULES = { slippageBps: 2, takerFee: 0.00055, maintenanceMargin: 0.005 };
const LEVELS = ["low", "medium", "high"] as const;

async function backtester() {
  const { loadCandleFile } = await import("@/lib/backtest/load-candles");
  const { runBacktest } = await import("@/lib/backtest/run-backtest");
  const times: number[] = [];
  let trades = 0;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const { candles } = await loadCandleFile(DATA);
    const report = await runBacktest({
      symbol: "BTCUSDT",
      candles,
      levels: [...LEVELS],
      provider: "builtin",
      model: "indicators-v1",
      callModel: () => Promise.reject(new Error("no model")),
      rules: RULES,
      tickMs: 300_000,
      historyMinutes: 3_120,
    });
    times.push((performance.now() - start) / 1000);
    trades = report.levels.reduce((n, l) => n + l.metrics.trades, 0);
  }
  return { times: times.sort((a, b) => a - b), trades };
}

// The live path over `hours` of the month (after 52 h of history), once per decision; seconds and ticks.
async function naive(hours: number) {
  const { loadCandleFile } = await import("@/lib/backtest/load-candles");
  const { db, closeDb } = await import("@/db");
  const { exchangeAccounts, positions } = await import("@/db/schema");
  const { eq } = await import("drizzle-orm");
  const { decideGroup } = await import("@/lib/decision/decide-group");
  const { marketView } = await import("@/lib/decision/market-view");
  const { saveDecision } = await import("@/lib/decision/save-decision");
  const { applyCandleToPaperPositions } = await import("@/lib/exchange/paper/apply-candle");
  const { adapterForAccount } = await import("@/lib/exchange/get-adapter");
  const { executeForUser } = await import("@/lib/execution/execute");
  const { readClosedCandles } = await import("@/lib/market/series");
  const { writeCandle } = await import("@/lib/market/write-candle");
  const { closeRedis, redis } = await import("@/lib/redis");
  const { feedTarget } = await import("../tests/helpers/live-replay");
  const { createTraders } = await import("../tests/helpers/traders");

  const { candles: all } = await loadCandleFile(DATA);
  // Re-timed a year ahead: every decision is current when it executes.
  const shift = Math.ceil((Date.now() + 365 * 86_400_000 - all[0]!.t) / 86_400_000) * 86_400_000;
  const candles = all.slice(0, 3_120 + hours * 60).map((c) => ({ ...c, t: c.t + shift }));
  const users = new Map<string, number>();
  for (const level of LEVELS)
    users.set(level, (await createTraders(1, { riskLevel: level, maxLeverage: 5, minConfidence: 0 }))[0]!);
  const target = feedTarget("BTCUSDT");
  for (const c of candles.slice(0, 3_120)) await writeCandle(redis(), target, c);
  const costs = { fees: RULES.takerFee, slippage: RULES.slippageBps / 10_000 };
  let ticks = 0;
  const start = performance.now();
  for (let i = 3_120; i < candles.length; i++) {
    const c = candles[i]!;
    if (c.t % 300_000 === 0) {
      ticks += 1;
      await writeCandle(redis(), target, { t: c.t, o: c.o, h: c.o, l: c.o, c: c.o, v: 0 });
      const view = marketView(await readClosedCandles("BTCUSDT", 3_120, "1m", c.t))!;
      for (const level of LEVELS) {
        const out = await decideGroup(
          { symbol: "BTCUSDT", tickTime: c.t, view, provider: "builtin", model: "indicators-v1", costs },
          { riskLevel: level, customPrompt: null },
          () => Promise.reject(new Error("no model")),
        );
        const d = out.decision;
        const row = await saveDecision({
          symbol: "BTCUSDT",
          tickTime: new Date(c.t),
          groupKey: `bench-${level}`,
          riskLevel: level,
          promptHash: null,
          provider: "builtin",
          model: "indicators-v1",
          action: d.action,
          confidence: d.confidence,
          leverage: d.leverage,
          stopLoss: d.stop_loss,
          takeProfit: d.take_profit,
          reason: d.reason,
          price: view.close,
          candleTime: new Date(view.candleTime),
          status: out.status,
          error: out.error,
          prompt: null,
          promptSha: null,
          rawResponse: out.raw,
          promptTokens: 0,
          cachedTokens: 0,
          completionTokens: 0,
          costUsd: 0,
          latencyMs: 0,
          lagMs: null,
          expiresAt: new Date(c.t + 300_000),
        });
        await executeForUser(row.id, users.get(level)!, { adapterFor: adapterForAccount });
      }
    }
    await writeCandle(redis(), target, c);
    await applyCandleToPaperPositions("BTCUSDT", c, c.t + 60_000);
  }
  const seconds = (performance.now() - start) / 1000;
  const closed = await db
    .select({ acct: exchangeAccounts.userId, status: positions.status })
    .from(positions)
    .innerJoin(exchangeAccounts, eq(exchangeAccounts.id, positions.exchangeAccountId));
  await closeDb();
  await closeRedis();
  return { seconds, ticks, positions: closed.length };
}

async function main() {
  const load = loadavg()[0]!.toFixed(2);
  const fast = await backtester();
  const env = await createTestEnv("bench_backtest");
  Object.assign(process.env, env);
  try {
    const slow = await naive(SAMPLE_HOURS);
    const monthTicks = 8_353;
    const naiveMonth = (slow.seconds / slow.ticks) * monthTicks;
    const median = fast.times[Math.floor(fast.times.length / 2)]!;
    const lines = [
      `Backtest speed — ${new Date().toISOString().slice(0, 16)} UTC, ${cpus().length} CPUs, load ${load} before`,
      "",
      "| what | bundled month, built-in, 3 levels | per tick (3 decisions) |",
      "| --- | ---: | ---: |",
      `| backtester (lib/backtest), best / median of ${RUNS}, file read included | ${fast.times[0]!.toFixed(2)} s / ${median.toFixed(2)} s | ${((median / monthTicks) * 1000).toFixed(3)} ms |`,
      `| naive: the live path once per decision (${slow.ticks} ticks measured, extrapolated) | ${naiveMonth.toFixed(0)} s ≈ ${(naiveMonth / 60).toFixed(1)} min | ${((slow.seconds / slow.ticks) * 1000).toFixed(1)} ms |`,
      "",
      `backtester ${(naiveMonth / median).toFixed(0)}× faster · ${fast.trades} trades in the month · naive sample: ${slow.positions} paper positions`,
    ];
    const text = lines.join("\n");
    console.log(text);
    writeFileSync("bench/results/backtest-latest.md", `${text}\n`);
  } finally {
    await destroyTestEnv(env);
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
