"use client";
// The selected backtest: its progress while it runs, why it failed, or its figures, equity curve with drawdown,
// and trades once done.
import { CircleAlertIcon, FlaskConicalIcon, TriangleAlertIcon } from "lucide-react";
import { EmptyState } from "@/components/empty-state";
import { EquityChart, type EquityPoint } from "@/components/performance/equity-chart";
import { MetricsGrid, type MetricsView } from "@/components/performance/metrics-grid";
import { TradesTable, type TradeView } from "@/components/performance/trades-table";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Progress } from "@/components/ui/progress";
import { Skeleton } from "@/components/ui/skeleton";
import type { RunView } from "@/lib/backtest/runs";
import { formatDateTime, formatUsd } from "@/lib/utils";

interface StoredResult {
  equity: EquityPoint[];
  trades: TradeView[];
  openPosition: { side: "long" | "short"; qty: number; entryPrice: number } | null;
  decisions: { acted: number; holds: number };
}

/** "Dec 1 – Dec 29 2024 · medium · built-in strategy" */
export function runTitle(run: RunView): string {
  const strategy =
    run.provider === "builtin"
      ? "built-in strategy"
      : `${run.model}${run.customPrompt ? " + your prompt" : ""}`;
  return `${formatDateTime(run.from)} → ${formatDateTime(run.to)} · ${run.riskLevel} risk · ${strategy}`;
}

export function BacktestResult(props: {
  run: RunView | null;
  loading: boolean;
  progress: number;
  hasRuns: boolean;
}) {
  const { run } = props;
  if (props.loading)
    return (
      <Skeleton className="h-[32rem] w-full rounded-xl" role="status" aria-label="Loading the backtest" />
    );
  if (!run)
    return (
      <EmptyState
        icon={FlaskConicalIcon}
        title={props.hasRuns ? "Pick a run below" : "No backtest yet"}
        description="Choose a period and a risk level, then run a backtest: you get the equity curve, the drawdown, every trade and the figures after fees."
        className="min-h-80"
      />
    );
  if (run.status === "queued" || run.status === "running") {
    const pct = Math.round(props.progress * 100);
    return (
      <Card data-testid="backtest-progress">
        <CardHeader>
          <CardTitle>
            {run.status === "queued" ? "Waiting for a worker…" : "Replaying the candles…"}
          </CardTitle>
          <CardDescription>{runTitle(run)}</CardDescription>
        </CardHeader>
        <CardContent className="space-y-2">
          <Progress value={pct} aria-label="Backtest progress" />
          <p className="text-muted-foreground text-sm tabular-nums" data-testid="backtest-progress-value">
            {pct} % of the ticks
          </p>
        </CardContent>
      </Card>
    );
  }
  if (run.status === "failed")
    return (
      <Alert variant="destructive" data-testid="backtest-failed">
        <CircleAlertIcon aria-hidden="true" />
        <AlertTitle>This backtest failed</AlertTitle>
        <AlertDescription>{run.error ?? "Unknown error."}</AlertDescription>
      </Alert>
    );
  const result = (run as RunView & { result?: StoredResult | null }).result;
  const metrics = run.metrics as unknown as MetricsView | null;
  if (!result || !metrics) return <Skeleton className="h-[32rem] w-full rounded-xl" />;
  return (
    <Card data-testid="backtest-result">
      <CardHeader>
        <CardTitle className="flex flex-wrap items-center gap-2">
          Result <Badge variant="muted">{run.source === "bundled" ? "December 2024" : "live series"}</Badge>
          {run.provider !== "builtin" && (
            <Badge variant="outline">{formatUsd(run.costUsd, { decimals: 4 })} spent</Badge>
          )}
        </CardTitle>
        <CardDescription>{runTitle(run)}</CardDescription>
      </CardHeader>
      <CardContent className="space-y-5">
        {run.stoppedReason && (
          <Alert variant="warning">
            <TriangleAlertIcon aria-hidden="true" />
            <AlertTitle>Stopped early</AlertTitle>
            <AlertDescription>{run.stoppedReason} The figures cover the ticks before it.</AlertDescription>
          </Alert>
        )}
        <MetricsGrid metrics={metrics} />
        <div>
          <h3 className="mb-2 text-sm font-medium">Equity and drawdown</h3>
          <EquityChart points={result.equity} start={10_000} className="h-80" />
        </div>
        <div>
          <h3 className="mb-2 text-sm font-medium">
            Trades{" "}
            <span className="text-muted-foreground font-normal">
              ({result.trades.length}; {result.decisions.holds.toLocaleString("en-US")} ticks held)
            </span>
          </h3>
          {result.trades.length === 0 ? (
            <p className="text-muted-foreground text-sm">
              No trade closed in this period: the strategy held.
            </p>
          ) : (
            <TradesTable trades={[...result.trades].reverse()} />
          )}
          {result.openPosition && (
            <p className="text-muted-foreground mt-2 text-xs">
              Still open at the end: {result.openPosition.side} {result.openPosition.qty} BTC from{" "}
              {result.openPosition.entryPrice.toFixed(1)} (in the end equity at the last close).
            </p>
          )}
        </div>
      </CardContent>
    </Card>
  );
}
