// The backtester (pure, no I/O of its own): replays 1m candles through the live loop's functions. At each tick
// boundary it builds the market view from the closed candles only (marketView), decides every risk level with
// decideGroup (builtin, or the caller's cached model), executes the decision with the execute job's rules
// (plan-execution) on a SimAccount at the boundary candle's open, then applies each candle to the position
// with the paper exchange's exit rules. `decide` is replaceable: the track record feeds stored decisions.
import type { RiskLevel } from "@/lib/decision/build-prompt";
import { decideGroup, type CallModel, type DecideContext } from "@/lib/decision/decide-group";
import { marketView, type MarketView } from "@/lib/decision/market-view";
import type { DecisionOutput } from "@/lib/decision/schema";
import type { PaperRules } from "@/lib/exchange/paper/math";
import type { Candle } from "@/lib/market/types";
import { executeDecision, type AccountSettings, type DecisionOutcome } from "./execute-decision";
import { SimAccount, type SimTrade } from "./sim-account";

const MINUTE = 60_000;

/** A decision as the engine needs it (what a decision row holds). */
export type TickDecision = Pick<
  DecisionOutput,
  "action" | "confidence" | "leverage" | "stop_loss" | "take_profit" | "reason"
>;

/** Decides one level at one tick; null = no decision (a hold). */
export type DecideFn = (
  level: RiskLevel,
  tickTime: number,
  view: () => MarketView | null,
) => Promise<TickDecision | null>;

/** One point of the equity curve (mark-to-market at the candle's close). */
export interface EquityPoint {
  t: number;
  equity: number;
  /** Equity had no fee ever been paid. */
  beforeFees: number;
}

/** A decision that asked for an order, and what came of it. */
export interface DecisionRecord {
  t: number;
  action: TickDecision["action"];
  confidence: number;
  reason: string;
  outcome: DecisionOutcome;
}

/** What one risk level's account did. */
export interface LevelRun {
  level: RiskLevel;
  account: SimAccount;
  trades: SimTrade[];
  equity: EquityPoint[];
  decisions: DecisionRecord[];
  holds: number;
  /** Minutes with an open position, and minutes replayed. */
  exposedMinutes: number;
  minutes: number;
}

export interface EngineConfig {
  symbol: string;
  /** 1m candles, ascending (gaps allowed); those before `from` are only history. */
  candles: Candle[];
  from: number;
  to: number;
  tickMs: number;
  historyMinutes: number;
  levels: RiskLevel[];
  rules: PaperRules;
  initialBalance: number;
  settings: (level: RiskLevel) => AccountSettings;
  decide: DecideFn;
  /** Called now and then with the share of ticks done (0–1). */
  onProgress?: (done: number) => void | Promise<void>;
  /** Checked before each tick: a reason ends the run early (e.g. the LLM budget is spent). */
  stopReason?: () => string | null;
  /** Give the event loop a turn every this many ticks (a worker process has other jobs to serve). */
  yieldEveryTicks?: number;
  /** Accounts to continue (the track record resumes its shadow accounts); new ones otherwise. */
  accounts?: Partial<Record<RiskLevel, SimAccount>>;
  /** Spacing of the equity curve's points (default: the tick interval). */
  equityEveryMs?: number;
}

export interface EngineResult {
  levels: LevelRun[];
  ticks: number;
  stopped: string | null;
}

/** Replay the candles in [from, to) and return each level's account, trades and equity curve. */
export async function runEngine(cfg: EngineConfig): Promise<EngineResult> {
  const { candles } = cfg;
  const runs: LevelRun[] = cfg.levels.map((level) => ({
    level,
    account: cfg.accounts?.[level] ?? new SimAccount(cfg.initialBalance, cfg.rules, cfg.symbol),
    trades: [],
    equity: [],
    decisions: [],
    holds: 0,
    exposedMinutes: 0,
    minutes: 0,
  }));
  // (a resumed account's earlier trades are not this run's)
  const tradesBefore = new Map(runs.map((r) => [r.level, r.account.trades.length]));
  const first = lowerBound(candles, cfg.from);
  const last = lowerBound(candles, cfg.to);
  const totalTicks = Math.max(1, Math.ceil((cfg.to - cfg.from) / cfg.tickMs));
  let ticks = 0;
  let stopped: string | null = null;
  let reported = 0;
  for (let i = first; i < last; i++) {
    const candle = candles[i]!;
    if (candle.t % cfg.tickMs === 0) {
      stopped = cfg.stopReason?.() ?? null;
      if (stopped) break;
      // What the tick sees: the newest closed candles before the boundary; it executes at the boundary
      // candle's open (the forming candle's price when the orders go out).
      let view: MarketView | null | undefined;
      const viewOf = () => (view ??= marketView(candles.slice(Math.max(0, i - cfg.historyMinutes), i)));
      const fill: Candle = { t: candle.t, o: candle.o, h: candle.o, l: candle.o, c: candle.o, v: 0 };
      const decided: Array<TickDecision | null> = [];
      for (const run of runs) decided.push(await cfg.decide(run.level, candle.t, viewOf));
      // A budget that ran out while deciding ends the run before this tick acts on an answer it did not get.
      stopped = cfg.stopReason?.() ?? null;
      if (stopped) break;
      runs.forEach((run, k) => {
        const decision = decided[k];
        if (!decision || decision.action === "hold") {
          run.holds += 1;
          return;
        }
        const outcome = executeDecision(run.account, decision, cfg.settings(run.level), fill);
        run.decisions.push({
          t: candle.t,
          action: decision.action,
          confidence: decision.confidence,
          reason: decision.reason,
          outcome,
        });
      });
      ticks += 1;
      if (cfg.yieldEveryTicks && ticks % cfg.yieldEveryTicks === 0) await new Promise((r) => setImmediate(r));
      if (cfg.onProgress && ticks / totalTicks - reported >= 0.01) {
        reported = ticks / totalTicks;
        await cfg.onProgress(Math.min(1, reported));
      }
    }
    for (const run of runs) {
      const exposed = run.account.position !== null;
      run.account.applyCandle(candle);
      run.minutes += 1;
      if (exposed) run.exposedMinutes += 1;
      if ((candle.t + MINUTE) % (cfg.equityEveryMs ?? cfg.tickMs) === 0 || i === last - 1) {
        const { equity } = run.account.summary(candle.c);
        run.equity.push({ t: candle.t + MINUTE, equity, beforeFees: equity + run.account.feesPaid });
      }
    }
  }
  for (const run of runs) run.trades = run.account.trades.slice(tradesBefore.get(run.level) ?? 0);
  return { levels: runs, ticks, stopped };
}

/** The decide function of a live provider: decideGroup with the view, the costs and the model caller. */
export function providerDecide(opts: {
  symbol: string;
  provider: DecideContext["provider"];
  model: string;
  rules: PaperRules;
  customPrompt: string | null;
  callModel: CallModel;
  onOutcome?: (level: RiskLevel, outcome: Awaited<ReturnType<typeof decideGroup>>) => void;
}): DecideFn {
  const costs = { fees: opts.rules.takerFee, slippage: opts.rules.slippageBps / 10_000 };
  return async (level, tickTime, viewOf) => {
    const view = viewOf();
    if (!view) return null;
    const ctx: DecideContext = {
      symbol: opts.symbol,
      tickTime,
      view,
      provider: opts.provider,
      model: opts.model,
      costs,
    };
    const out = await decideGroup(ctx, { riskLevel: level, customPrompt: opts.customPrompt }, opts.callModel);
    opts.onOutcome?.(level, out);
    return out.decision;
  };
}

// Index of the first candle with t ≥ time.
function lowerBound(candles: Candle[], time: number): number {
  let lo = 0;
  let hi = candles.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (candles[mid]!.t < time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
