// The figures of a backtest or a track-record account, as tiles: losses are shown as plainly as gains.
import type { Metrics } from "@/lib/backtest/metrics";
import { cn, formatNumber, formatPercent, formatUsd } from "@/lib/utils";

/** The figures of lib/backtest/metrics.ts, as the API sends them. */
export type MetricsView = Metrics;

const tone = (n: number | null) => (n === null || Math.abs(n) < 1e-9 ? null : n > 0 ? "profit" : "loss");

/** One labelled figure with a hint under it; losses in the loss colour, gains in the profit colour. */
export function StatTile(props: {
  label: string;
  value: string;
  hint: string;
  tone?: "profit" | "loss" | null;
  testId: string;
}) {
  return (
    <div className="bg-card rounded-lg border px-3 py-2.5 sm:px-4 sm:py-3" data-testid={props.testId}>
      <div className="text-muted-foreground truncate text-xs font-medium">{props.label}</div>
      <div
        className={cn(
          "mt-0.5 truncate text-lg font-semibold tracking-tight tabular-nums sm:text-xl",
          props.tone === "profit" && "text-profit",
          props.tone === "loss" && "text-loss",
        )}
      >
        {props.value}
      </div>
      <div className="text-muted-foreground text-xs leading-snug">{props.hint}</div>
    </div>
  );
}

/** Eight tiles: return, drawdown, win rate, fees, Sharpe, profit factor, buy and hold, end equity. */
export function MetricsGrid({ metrics, className }: { metrics: MetricsView; className?: string }) {
  const m = metrics;
  return (
    <div
      className={cn("grid grid-cols-2 gap-2 sm:gap-3 md:grid-cols-4", className)}
      data-testid="metrics-grid"
    >
      <StatTile
        label="Return after fees"
        testId="metric-return"
        value={formatPercent(m.returnAfterFees, { signed: true })}
        tone={tone(m.returnAfterFees)}
        hint={`${formatPercent(m.returnBeforeFees, { signed: true })} before fees`}
      />
      <StatTile
        label="Max drawdown"
        testId="metric-drawdown"
        value={m.maxDrawdown > 0 ? `−${formatPercent(m.maxDrawdown)}` : formatPercent(0)}
        tone={m.maxDrawdown > 0 ? "loss" : null}
        hint="largest fall from a peak"
      />
      <StatTile
        label="Win rate"
        testId="metric-win-rate"
        value={m.winRate === null ? "—" : formatPercent(m.winRate, { decimals: 1 })}
        hint={`${m.trades} trade${m.trades === 1 ? "" : "s"} · ${formatNumber(m.tradesPerDay)} a day`}
      />
      <StatTile
        label="Fees paid"
        testId="metric-fees"
        value={formatUsd(m.feesPaid)}
        hint={`in the market ${formatPercent(m.exposure, { decimals: 0 })} of the time`}
      />
      <StatTile
        label="Sharpe ratio"
        testId="metric-sharpe"
        value={m.sharpe === null ? "—" : formatNumber(m.sharpe, { decimals: 2, fixed: true })}
        tone={tone(m.sharpe)}
        hint="daily returns, annualised"
      />
      <StatTile
        label="Profit factor"
        testId="metric-profit-factor"
        value={
          m.profitFactor === null
            ? m.trades > 0
              ? "no losses"
              : "—"
            : formatNumber(m.profitFactor, { decimals: 2, fixed: true })
        }
        hint="gains ÷ losses after fees"
      />
      <StatTile
        label="Buy and hold"
        testId="metric-buy-hold"
        value={formatPercent(m.buyAndHold, { signed: true })}
        tone={tone(m.buyAndHold)}
        hint="same period, 1x, no fees"
      />
      <StatTile
        label="End equity"
        testId="metric-end-equity"
        value={formatUsd(m.endEquity)}
        hint="marked at the last close"
      />
    </div>
  );
}
