// Performance figures from an equity curve and closed trades (pure). Shared by backtests, the public track
// record and the dashboard's own-performance panel, so every page computes a drawdown the same way.

const DAY = 86_400_000;

/** A point of an equity curve. */
export interface CurvePoint {
  t: number;
  equity: number;
}

/** A closed round trip as the metrics need it. */
export interface TradeResult {
  pnl: number;
  fees: number;
}

export interface Metrics {
  trades: number;
  /** Share of trades whose PnL after fees is positive (null without trades). */
  winRate: number | null;
  /** Fractions of the starting equity (0.05 = +5 %). */
  returnAfterFees: number;
  returnBeforeFees: number;
  /** Largest fall from a running peak, as a fraction of that peak (0.1 = 10 %). */
  maxDrawdown: number;
  /** Mean / standard deviation of daily returns × √365; null with fewer than two days or no variation. */
  sharpe: number | null;
  /** Gross profit / gross loss of trades after fees; null without a losing trade. */
  profitFactor: number | null;
  feesPaid: number;
  /** Share of the period with a position open (0–1). */
  exposure: number;
  tradesPerDay: number;
  /** Buy-and-hold over the same period: last close / first price − 1 (no leverage, no fees). */
  buyAndHold: number;
  startEquity: number;
  endEquity: number;
  days: number;
}

/** Largest peak-to-trough fall of a curve, as a fraction of the peak. */
export function maxDrawdown(curve: CurvePoint[]): number {
  let peak = -Infinity;
  let worst = 0;
  for (const p of curve) {
    peak = Math.max(peak, p.equity);
    if (peak > 0) worst = Math.max(worst, (peak - p.equity) / peak);
  }
  return worst;
}

/** The drawdown at each point of a curve (≤ 0, as fractions of the running peak), for charts. */
export function drawdownCurve(curve: CurvePoint[]): CurvePoint[] {
  let peak = -Infinity;
  return curve.map((p) => {
    peak = Math.max(peak, p.equity);
    return { t: p.t, equity: peak > 0 ? p.equity / peak - 1 : 0 };
  });
}

/** Returns of each UTC day from the last equity of each day (the first day against `start`). */
export function dailyReturns(start: number, curve: CurvePoint[]): number[] {
  const closes = new Map<number, number>();
  for (const p of curve) closes.set(Math.floor((p.t - 1) / DAY), p.equity);
  const out: number[] = [];
  let prev = start;
  for (const equity of closes.values()) {
    if (prev > 0) out.push(equity / prev - 1);
    prev = equity;
  }
  return out;
}

/** Annualised Sharpe ratio of daily returns (risk-free rate 0; crypto trades 365 days a year). */
export function sharpe(returns: number[]): number | null {
  if (returns.length < 2) return null;
  const mean = returns.reduce((a, b) => a + b, 0) / returns.length;
  const variance = returns.reduce((a, r) => a + (r - mean) ** 2, 0) / (returns.length - 1);
  const sd = Math.sqrt(variance);
  return sd > 1e-12 ? (mean / sd) * Math.sqrt(365) : null;
}

/** Every figure of a run: `curve` starts after the first tick, `start` is the equity before it. */
export function computeMetrics(input: {
  start: number;
  curve: CurvePoint[];
  trades: TradeResult[];
  feesPaid: number;
  exposedMinutes: number;
  minutes: number;
  from: number;
  to: number;
  firstPrice: number;
  lastPrice: number;
}): Metrics {
  const { start, curve, trades } = input;
  const end = curve.at(-1)?.equity ?? start;
  const nets = trades.map((t) => t.pnl - t.fees);
  const wins = nets.filter((n) => n > 0);
  const gain = wins.reduce((a, b) => a + b, 0);
  const loss = -nets.filter((n) => n < 0).reduce((a, b) => a + b, 0);
  const days = Math.max(1 / 1440, (input.to - input.from) / DAY);
  return {
    trades: trades.length,
    winRate: trades.length ? wins.length / trades.length : null,
    returnAfterFees: end / start - 1,
    returnBeforeFees: (end + input.feesPaid) / start - 1,
    maxDrawdown: maxDrawdown([{ t: input.from, equity: start }, ...curve]),
    sharpe: sharpe(dailyReturns(start, curve)),
    profitFactor: loss > 0 ? gain / loss : null,
    feesPaid: input.feesPaid,
    exposure: input.minutes ? input.exposedMinutes / input.minutes : 0,
    tradesPerDay: trades.length / days,
    buyAndHold: input.firstPrice > 0 ? input.lastPrice / input.firstPrice - 1 : 0,
    startEquity: start,
    endEquity: end,
    days,
  };
}
