// What the product stores and shows of a backtest level or a track-record account (pure): the equity curve with
// its drawdown, thinned to at most `maxPoints` for the chart (the figures are computed on the full curve first),
// and the trades in the shape the tables read.
import { drawdownCurve, type CurvePoint } from "./metrics";
import type { SimTrade } from "./sim-account";

/** One point of the equity chart: equity (USDT) and drawdown from the running peak (≤ 0, fraction). */
export interface ChartPoint {
  t: number;
  equity: number;
  drawdown: number;
}

/**
 * Thin a curve to at most `maxPoints`: each bucket keeps its deepest drawdown point (so the chart never hides
 * the worst moment), and the last point is always kept.
 */
export function chartCurve(curve: CurvePoint[], maxPoints = 1_500): ChartPoint[] {
  const dd = drawdownCurve(curve);
  const points = curve.map((p, i) => ({ t: p.t, equity: round2(p.equity), drawdown: round6(dd[i]!.equity) }));
  if (points.length <= maxPoints) return points;
  const size = Math.ceil(points.length / maxPoints);
  const out: ChartPoint[] = [];
  for (let i = 0; i < points.length; i += size) {
    const bucket = points.slice(i, i + size);
    out.push(bucket.reduce((worst, p) => (p.drawdown < worst.drawdown ? p : worst)));
  }
  const last = points.at(-1)!;
  if (out.at(-1)!.t !== last.t) out.push(last);
  return out;
}

/** What a table row needs of a closed round trip (a backtest's, a shadow account's or a user's own). */
export type ClosedTrade = Pick<
  SimTrade,
  "side" | "qty" | "entryPrice" | "exitPrice" | "exitReason" | "pnl" | "fees"
> & {
  openedAt: Date | number;
  closedAt: Date | number;
};

/** A closed trade as the tables show it: times as ISO strings, PnL after fees and fees rounded to cents. */
export function tradeView(t: ClosedTrade) {
  return {
    side: t.side,
    qty: t.qty,
    entryPrice: t.entryPrice,
    exitPrice: t.exitPrice,
    openedAt: new Date(t.openedAt).toISOString(),
    closedAt: new Date(t.closedAt).toISOString(),
    exitReason: t.exitReason,
    net: round2(t.pnl - t.fees),
    fees: round2(t.fees),
  };
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
