// A whole backtest (pure orchestration): the engine over a period for each risk level, then the figures. The
// CLI, the backtest job and the benchmark all call this; the caller supplies the model caller (LLM runs) and
// the settings the account trades with.
import type { RiskLevel } from "@/lib/decision/build-prompt";
import { RISK_LEVERAGE_CAP, type CallModel, type GroupOutcome } from "@/lib/decision/decide-group";
import type { PaperRules } from "@/lib/exchange/paper/math";
import type { Candle } from "@/lib/market/types";
import { runEngine, providerDecide, type DecisionRecord, type EquityPoint } from "./engine";
import type { AccountSettings } from "./execute-decision";
import { computeMetrics, type Metrics } from "./metrics";
import type { Gap } from "./parse-csv";
import type { SimTrade } from "./sim-account";

/** The account a backtest trades with when the caller does not say: no confidence floor, the level's cap. */
export function standardSettings(level: RiskLevel): AccountSettings {
  return { riskLevel: level, maxLeverage: RISK_LEVERAGE_CAP[level], minConfidence: 0, planMaxLeverage: 125 };
}

export interface BacktestOptions {
  symbol: string;
  candles: Candle[];
  gaps?: Gap[];
  /** Period (ms): defaults to the first and last candle; candles before `from` serve as history. */
  from?: number;
  to?: number;
  levels: RiskLevel[];
  provider: "builtin" | "openai";
  model: string;
  customPrompt?: string | null;
  callModel: CallModel;
  rules: PaperRules;
  tickMs: number;
  historyMinutes: number;
  initialBalance?: number;
  settings?: (level: RiskLevel) => AccountSettings;
  onProgress?: (done: number) => void | Promise<void>;
  stopReason?: () => string | null;
  yieldEveryTicks?: number;
  onOutcome?: (level: RiskLevel, outcome: GroupOutcome) => void;
}

/** One risk level's result. */
export interface LevelReport {
  level: RiskLevel;
  metrics: Metrics;
  equity: EquityPoint[];
  trades: SimTrade[];
  decisions: DecisionRecord[];
  holds: number;
  /** The position still open at the end (marked to market in the equity), if any. */
  openPosition: { side: "long" | "short"; qty: number; entryPrice: number; openedAt: number } | null;
}

export interface BacktestReport {
  symbol: string;
  from: number;
  to: number;
  tickMs: number;
  provider: "builtin" | "openai";
  model: string;
  candles: number;
  gaps: Gap[];
  ticks: number;
  /** Why the run ended before `to` (e.g. the LLM budget was reached), or null. */
  stopped: string | null;
  levels: LevelReport[];
}

/** Run the backtest and compute every level's figures. */
export async function runBacktest(opts: BacktestOptions): Promise<BacktestReport> {
  const { candles } = opts;
  if (candles.length === 0) throw new Error("no candles to backtest");
  const from = Math.ceil((opts.from ?? candles[0]!.t) / 60_000) * 60_000;
  const to = Math.min(opts.to ?? Infinity, candles.at(-1)!.t + 60_000);
  if (!(to > from)) throw new Error("the period is empty: --to must be after --from, within the data");
  const initialBalance = opts.initialBalance ?? 10_000;
  const result = await runEngine({
    symbol: opts.symbol,
    candles,
    from,
    to,
    tickMs: opts.tickMs,
    historyMinutes: opts.historyMinutes,
    levels: opts.levels,
    rules: opts.rules,
    initialBalance,
    settings: opts.settings ?? standardSettings,
    decide: providerDecide({
      symbol: opts.symbol,
      provider: opts.provider,
      model: opts.model,
      rules: opts.rules,
      customPrompt: opts.customPrompt ?? null,
      callModel: opts.callModel,
      onOutcome: opts.onOutcome,
    }),
    onProgress: opts.onProgress,
    stopReason: opts.stopReason,
    yieldEveryTicks: opts.yieldEveryTicks,
  });
  const inPeriod = candles.filter((c) => c.t >= from && c.t < to);
  const end = result.levels[0]?.equity.at(-1)?.t ?? to;
  const levels = result.levels.map((run): LevelReport => {
    const pos = run.account.position;
    return {
      level: run.level,
      metrics: computeMetrics({
        start: initialBalance,
        curve: run.equity,
        trades: run.trades,
        feesPaid: run.account.feesPaid,
        exposedMinutes: run.exposedMinutes,
        minutes: run.minutes,
        from,
        to: Math.min(to, end),
        firstPrice: inPeriod[0]?.o ?? 0,
        lastPrice: inPeriod.filter((c) => c.t < end).at(-1)?.c ?? 0,
      }),
      equity: run.equity,
      trades: run.trades,
      decisions: run.decisions,
      holds: run.holds,
      openPosition: pos
        ? { side: pos.side, qty: pos.qty, entryPrice: pos.entryPrice, openedAt: pos.openedAt.getTime() }
        : null,
    };
  });
  return {
    symbol: opts.symbol,
    from,
    to,
    tickMs: opts.tickMs,
    provider: opts.provider,
    model: opts.model,
    candles: inPeriod.length,
    gaps: (opts.gaps ?? []).filter((g) => g.to > from && g.from < to),
    ticks: result.ticks,
    stopped: result.stopped,
    levels,
  };
}
