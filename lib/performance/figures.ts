// The user's own performance from their closed trades (pure): an equity curve stepping at each close, win rate,
// max drawdown and fees — with the same drawdown and chart rules as backtests and the track record.
import { maxDrawdown } from "@/lib/backtest/metrics";
import { chartCurve, type ChartPoint } from "@/lib/backtest/result";

/** What the figures need of a closed trade. */
export interface ClosedTrade {
  closedAt: Date;
  pnl: number;
  fees: number;
}

export interface Performance {
  trades: number;
  wins: number;
  winRate: number | null;
  netPnl: number;
  feesPaid: number;
  maxDrawdown: number;
  /** Net PnL over the starting balance (null when the start is unknown). */
  returnPct: number | null;
  /** Equity (or cumulative net PnL when the start is unknown) after each close, from the period's start. */
  curve: ChartPoint[];
  /** Whether `curve` is equity (true) or cumulative PnL from 0 (false). */
  curveIsEquity: boolean;
}

/** Figures from trades in closing order; `openFees` are fees already paid on positions still open. */
export function performanceOf(input: {
  start: number | null;
  since: Date;
  trades: ClosedTrade[];
  openFees: number;
}): Performance {
  const base = input.start ?? 0;
  let equity = base;
  const points = [{ t: input.since.getTime(), equity }];
  for (const t of input.trades) {
    equity += t.pnl - t.fees;
    points.push({ t: t.closedAt.getTime(), equity });
  }
  const nets = input.trades.map((t) => t.pnl - t.fees);
  const wins = nets.filter((n) => n > 0).length;
  const netPnl = equity - base;
  const curveIsEquity = input.start !== null && input.start > 0;
  return {
    trades: nets.length,
    wins,
    winRate: nets.length ? wins / nets.length : null,
    netPnl,
    feesPaid: input.trades.reduce((s, t) => s + t.fees, 0) + input.openFees,
    maxDrawdown: curveIsEquity ? maxDrawdown(points) : 0,
    returnPct: curveIsEquity ? netPnl / base : null,
    curve: curveIsEquity ? chartCurve(points, 1_000) : points.map((p) => ({ ...p, drawdown: 0 })),
    curveIsEquity,
  };
}
