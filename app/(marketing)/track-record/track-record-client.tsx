"use client";
// The track record's accounts, one tab per symbol and risk level: headline, figures, equity and drawdown, the
// open position, the last 50 trades and every decision (paged from the public API) with its reason and outcome.
import { useState } from "react";
import useSWR from "swr";
import { EquityChart } from "@/components/performance/equity-chart";
import { PageButtons } from "@/components/performance/page-buttons";
import { MetricsGrid } from "@/components/performance/metrics-grid";
import { TradesTable } from "@/components/performance/trades-table";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { swrFetcher } from "@/lib/api/client";
import type { AccountSnapshot, DecisionEntry, TrackRecordSnapshot } from "@/lib/track-record/snapshot";
import { cn, formatDateTime, formatNumber, formatPercent, formatUsd } from "@/lib/utils";

const ACTION = { buy: "success", sell: "danger", close: "warning", hold: "muted" } as const;
const OUTCOME: Record<string, string> = {
  hold: "held",
  filled: "executed",
  skipped: "skipped",
  failed: "failed",
};

function Decisions({ account }: { account: AccountSnapshot }) {
  const [page, setPage] = useState(1);
  const limit = 20;
  const { data, isLoading, error } = useSWR<{ items: DecisionEntry[]; total: number }>(
    `/api/track-record/${account.id}/decisions?page=${page}&limit=${limit}`,
    swrFetcher,
    {
      keepPreviousData: true,
      fallbackData: page === 1 ? { items: account.decisions.slice(0, limit), total: limit } : undefined,
    },
  );
  const pages = data ? Math.max(1, Math.ceil(data.total / limit)) : 1;
  if (error)
    return <p className="text-destructive text-sm">Could not load the decisions. Try again in a moment.</p>;
  if (isLoading && !data) return <Skeleton className="h-64 w-full" />;
  return (
    <div className="space-y-3">
      <ol className="divide-y rounded-lg border" data-testid="track-record-decisions">
        {(data?.items ?? []).map((d) => (
          <li key={d.id} className="space-y-1 px-3 py-2.5" data-testid="track-record-decision">
            <div className="flex flex-wrap items-center gap-2">
              <Badge variant={ACTION[d.action as keyof typeof ACTION] ?? "muted"}>{d.action}</Badge>
              <span className="text-muted-foreground text-xs tabular-nums">
                {formatDateTime(d.tickTime)} UTC
              </span>
              {d.action !== "hold" && (
                <span className="text-muted-foreground text-xs">· {OUTCOME[d.status] ?? d.status}</span>
              )}
            </div>
            <p className="text-sm leading-snug">
              {d.reason}
              {d.status === "skipped" && d.detail && (
                <span className="text-muted-foreground"> — {d.detail}</span>
              )}
            </p>
          </li>
        ))}
      </ol>
      <PageButtons page={page} pages={pages} onPage={setPage} label="decisions" />
    </div>
  );
}

function AccountView({ account }: { account: AccountSnapshot }) {
  const ret = account.metrics.returnAfterFees;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <p className="text-muted-foreground text-sm">Equity now</p>
          <p className="text-3xl font-semibold tracking-tight tabular-nums" data-testid="track-record-equity">
            {formatUsd(account.equity)}
          </p>
        </div>
        <p
          className={cn(
            "text-lg font-medium tabular-nums",
            ret > 0 ? "text-profit" : ret < 0 ? "text-loss" : "",
          )}
        >
          {formatPercent(ret, { signed: true })} since {formatDateTime(account.startedAt)} UTC
        </p>
      </div>
      <MetricsGrid metrics={account.metrics} />
      <Card>
        <CardHeader>
          <CardTitle>Equity and drawdown</CardTitle>
          <CardDescription>
            Marked at each tick&apos;s close; the dashed line is the starting 10,000 USDT.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <EquityChart
            points={account.curve}
            start={account.initialBalance}
            className="h-80"
            testId="track-record-chart"
          />
          {account.position && (
            <p className="text-muted-foreground mt-3 text-sm">
              Open now: {account.position.side} {formatNumber(account.position.qty, { decimals: 3 })}{" "}
              {account.symbol.replace("USDT", "")} from{" "}
              {formatNumber(account.position.entryPrice, { decimals: 1 })} (
              {formatDateTime(account.position.openedAt)} UTC).
            </p>
          )}
        </CardContent>
      </Card>
      <div className="grid gap-6 xl:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Last 50 trades</CardTitle>
            <CardDescription>Newest first, after fees.</CardDescription>
          </CardHeader>
          <CardContent>
            {account.trades.length === 0 ? (
              <p className="text-muted-foreground text-sm">No trade has closed yet.</p>
            ) : (
              <TradesTable trades={account.trades} pageSize={10} />
            )}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Every decision</CardTitle>
            <CardDescription>With its reason, and what the account did with it.</CardDescription>
          </CardHeader>
          <CardContent>
            <Decisions account={account} />
          </CardContent>
        </Card>
      </div>
    </div>
  );
}

export function TrackRecordClient({ snapshot }: { snapshot: TrackRecordSnapshot }) {
  const key = (a: AccountSnapshot) => `${a.symbol}-${a.riskLevel}`;
  const medium = snapshot.accounts.find((a) => a.riskLevel === "medium") ?? snapshot.accounts[0]!;
  const multi = new Set(snapshot.accounts.map((a) => a.symbol)).size > 1;
  return (
    <Tabs defaultValue={key(medium)} className="mt-10">
      <TabsList aria-label="Risk level">
        {snapshot.accounts.map((a) => (
          <TabsTrigger key={key(a)} value={key(a)} data-testid={`track-record-tab-${a.riskLevel}`}>
            {multi ? `${a.symbol} · ` : ""}
            <span className="capitalize">{a.riskLevel}</span>
            <span
              className={cn(
                "ml-1.5 tabular-nums",
                a.metrics.returnAfterFees >= 0 ? "text-profit" : "text-loss",
              )}
            >
              {formatPercent(a.metrics.returnAfterFees, { signed: true, decimals: 1 })}
            </span>
          </TabsTrigger>
        ))}
      </TabsList>
      {snapshot.accounts.map((a) => (
        <TabsContent key={key(a)} value={key(a)} className="mt-6">
          <AccountView account={a} />
        </TabsContent>
      ))}
    </Tabs>
  );
}
