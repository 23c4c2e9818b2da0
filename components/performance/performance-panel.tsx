"use client";
// The dashboard's own-performance panel: from the user's own fills on the selected account — net PnL, win rate,
// max drawdown, fees and the equity curve — refreshed when an order event arrives (`refreshKey`).
import { useEffect } from "react";
import Link from "next/link";
import useSWR from "swr";
import { ArrowRightIcon, LineChartIcon } from "lucide-react";
import { EquityChart, type EquityPoint } from "@/components/performance/equity-chart";
import { StatTile } from "@/components/performance/metrics-grid";
import { TradesTable, type TradeView } from "@/components/performance/trades-table";
import { Button } from "@/components/ui/button";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { swrFetcher } from "@/lib/api/client";
import { formatDateTime, formatPercent, formatUsd } from "@/lib/utils";

interface PerformanceResponse {
  account: { exchange: string; label: string } | null;
  since?: string;
  performance: {
    trades: number;
    winRate: number | null;
    netPnl: number;
    feesPaid: number;
    maxDrawdown: number;
    returnPct: number | null;
    curve: EquityPoint[];
    curveIsEquity: boolean;
  } | null;
  trades: TradeView[];
}

export function PerformancePanel({ refreshKey = 0 }: { refreshKey?: number }) {
  const { data, error, isLoading, mutate } = useSWR<PerformanceResponse>("/api/performance", swrFetcher, {
    refreshInterval: 60_000,
  });
  useEffect(() => {
    if (refreshKey > 0) void mutate();
  }, [refreshKey, mutate]);
  const p = data?.performance;
  return (
    <Card data-testid="performance-panel">
      <CardHeader>
        <CardTitle>Your performance</CardTitle>
        <CardDescription>
          From your own fills on {data?.account ? data.account.label : "the selected account"}
          {data?.since ? ` since ${formatDateTime(data.since)} UTC` : ""}.
        </CardDescription>
        <CardAction>
          <Button asChild variant="ghost" size="sm">
            <Link href="/track-record">
              Public track record <ArrowRightIcon />
            </Link>
          </Button>
        </CardAction>
      </CardHeader>
      <CardContent>
        {error ? (
          <p className="text-destructive text-sm">
            Could not load your performance. It retries automatically.
          </p>
        ) : isLoading && !data ? (
          <div className="space-y-3" role="status" aria-busy="true" aria-label="Loading your performance">
            <Skeleton className="h-14 w-full" />
            <Skeleton className="h-56 w-full" />
          </div>
        ) : !p || p.trades === 0 ? (
          <div className="flex flex-col items-center py-8 text-center" data-testid="performance-empty">
            <LineChartIcon className="text-muted-foreground mb-3 size-6" aria-hidden="true" />
            <p className="font-medium">{data?.account ? "No closed trade yet" : "No account selected"}</p>
            <p className="text-muted-foreground mt-1 max-w-sm text-sm">
              {data?.account && data.account.exchange !== "paper"
                ? "Figures for live accounts come from your exchange's fills; they appear here once reconciled."
                : "Your equity curve, win rate, drawdown and fees appear after your first position closes. Meanwhile, backtest the strategy."}
            </p>
            <Button asChild variant="outline" size="sm" className="mt-4">
              <Link href="/dashboard/backtest">Run a backtest</Link>
            </Button>
          </div>
        ) : (
          <div className="space-y-5">
            <div className="grid grid-cols-2 gap-4 sm:grid-cols-4">
              <StatTile
                label="Net PnL"
                testId="performance-net"
                value={formatUsd(p.netPnl, { signed: true })}
                tone={p.netPnl > 0 ? "profit" : p.netPnl < 0 ? "loss" : null}
                hint={
                  p.returnPct === null
                    ? "after fees"
                    : `${formatPercent(p.returnPct, { signed: true })} after fees`
                }
              />
              <StatTile
                label="Win rate"
                testId="performance-win-rate"
                value={p.winRate === null ? "—" : formatPercent(p.winRate, { decimals: 0 })}
                hint={`${p.trades} closed trade${p.trades === 1 ? "" : "s"}`}
              />
              <StatTile
                label="Max drawdown"
                testId="performance-drawdown"
                value={p.maxDrawdown > 0 ? `−${formatPercent(p.maxDrawdown)}` : formatPercent(0)}
                tone={p.maxDrawdown > 0 ? "loss" : null}
                hint="of closed-trade equity"
              />
              <StatTile
                label="Fees paid"
                testId="performance-fees"
                value={formatUsd(p.feesPaid)}
                hint="both legs, open positions too"
              />
            </div>
            <EquityChart
              points={p.curve}
              start={p.curveIsEquity ? p.curve[0]?.equity : undefined}
              className="h-64"
              testId="performance-chart"
            />
            {data.trades.length > 0 && <TradesTable trades={data.trades} pageSize={5} />}
          </div>
        )}
      </CardContent>
    </Card>
  );
}
