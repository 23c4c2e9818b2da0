"use client";
// The live dashboard: stat tiles, the chart with decision markers, the latest decision with a countdown, the
// auto-trade switch with the user's own kill switch, the open position with manual control, and recent trades.
// One stream connection feeds all of it: a decision event refetches the decisions the user may see; an order
// event, or a sync of a live account that found something, refreshes the trade log and the portfolio.
import { useCallback, useMemo, useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import useSWR from "swr";
import { ArrowRightIcon } from "lucide-react";
import type { BillingPauseView } from "@/components/billing/billing-pause";
import { MarketChartCard } from "@/components/market/market-chart-card";
import { PerformancePanel } from "@/components/performance/performance-panel";
import { AutoTradeToggle, type TradingState } from "@/components/trading/auto-trade-toggle";
import { DecisionCard, type ScheduleView } from "@/components/trading/decision-card";
import { FirstRunChecklist, type ChecklistView } from "@/components/trading/first-run-checklist";
import { decisionMarker, toDecisionItem, type DecisionItem } from "@/components/trading/decision-item";
import { usePlatformKillSwitch } from "@/components/system/use-platform-kill-switch";
import { PortfolioStats } from "@/components/trading/portfolio-stats";
import { PositionCard } from "@/components/trading/position-card";
import { TradeLog } from "@/components/trading/trade-log";
import { useDashboardStream } from "@/components/trading/use-dashboard-stream";
import { Button } from "@/components/ui/button";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { swrFetcher } from "@/lib/api/client";
import type { Portfolio } from "@/lib/trading/portfolio";

type RawDecision = Parameters<typeof toDecisionItem>[0];

interface Props {
  symbols: string[];
  portfolio: Portfolio;
  decisions: RawDecision[];
  schedule: ScheduleView;
  autoTrade: boolean;
  /** The user's own kill switch ("Stop and flatten"). */
  killSwitch: boolean;
  pausedReason: string | null;
  /** The platform-wide kill switch at render (followed live afterwards). */
  platformKillSwitch: boolean;
  /** The first-run checklist, null once done or hidden. */
  checklist: ChecklistView | null;
  /** Set while billing pauses new live trades on the selected account. */
  billingPause?: BillingPauseView | null;
  /** Notices rendered by the server (plan, pause, kill switch). */
  notices?: React.ReactNode;
}

/** The dashboard body under the page header. */
export function DashboardClient(props: Props) {
  const symbol = props.portfolio.symbol;
  const decisionsUrl = `/api/decisions?symbol=${symbol}&limit=100`;
  const { data: decisionData, mutate: refetchDecisions } = useSWR<{ items: RawDecision[] }>(
    decisionsUrl,
    swrFetcher,
    {
      fallbackData: { items: props.decisions },
      refreshInterval: Math.max(60_000, props.schedule.tickIntervalMs),
    },
  );
  // The schedule follows admin changes of the interval or provider without a reload.
  const { data: schedule } = useSWR<ScheduleView>("/api/decision-schedule", swrFetcher, {
    fallbackData: props.schedule,
    refreshInterval: 60_000,
  });
  const { data: portfolio, mutate: refetchPortfolio } = useSWR<Portfolio>("/api/portfolio", swrFetcher, {
    fallbackData: props.portfolio,
    refreshInterval: 15_000,
  });
  const [tradesVersion, setTradesVersion] = useState(0);
  const [trading, setTrading] = useState<TradingState>({
    autoTrade: props.autoTrade,
    killSwitch: props.killSwitch,
  });
  const platformKill = usePlatformKillSwitch(props.platformKillSwitch);
  const router = useRouter();
  const refreshLedger = useCallback(() => {
    setTradesVersion((v) => v + 1);
    void refetchPortfolio();
  }, [refetchPortfolio]);
  const onTradingChange = useCallback(
    (next: TradingState, saved: boolean) => {
      setTrading(next);
      // The notices above (paused, kill switch) are rendered by the server.
      if (saved) router.refresh();
    },
    [router],
  );

  const livePrice = useDashboardStream(symbol, {
    // A decision may be a hold: the trade log shows those too.
    onDecision: () => {
      void refetchDecisions();
      setTradesVersion((v) => v + 1);
      // The checklist's last step is the first decision for this user: the server decides when it is done.
      if (props.checklist && trading.autoTrade) router.refresh();
    },
    onOrder: refreshLedger,
    onSync: refreshLedger,
  });

  const decisions: DecisionItem[] = useMemo(
    () => (decisionData?.items ?? []).map(toDecisionItem),
    [decisionData],
  );
  const markers = useMemo(() => decisions.flatMap((d) => decisionMarker(d) ?? []), [decisions]);
  const current = portfolio ?? props.portfolio;
  const price = livePrice ?? current.price;

  return (
    <div className="space-y-4 sm:space-y-6">
      {props.notices}
      {props.checklist && (
        <FirstRunChecklist
          view={props.checklist}
          autoTrade={trading.autoTrade}
          schedule={schedule ?? props.schedule}
        />
      )}
      <PortfolioStats
        portfolio={current}
        price={price}
        autoTrade={trading.autoTrade}
        killSwitch={trading.killSwitch}
        pausedReason={props.pausedReason}
        livePaused={Boolean(props.billingPause)}
        platformKill={platformKill}
      />
      <div className="grid items-start gap-4 sm:gap-6 lg:grid-cols-[minmax(0,1fr)_22rem] lg:grid-rows-[auto_1fr] xl:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="min-w-0 lg:col-start-1 lg:row-start-1">
          <MarketChartCard symbols={props.symbols} markers={markers} />
        </div>
        <div className="grid min-w-0 grid-cols-1 gap-4 sm:gap-6 lg:col-start-2 lg:row-span-2 lg:row-start-1">
          <AutoTradeToggle
            state={trading}
            onChange={onTradingChange}
            account={current.account}
            symbol={symbol}
            position={current.position}
            billingPause={props.billingPause}
            onActionSettled={refreshLedger}
            platformKill={platformKill}
          />
          <DecisionCard decisions={decisions} schedule={schedule ?? props.schedule} />
          <PositionCard
            portfolio={current}
            price={price}
            autoTrade={trading.autoTrade}
            onActionSettled={refreshLedger}
          />
        </div>
        <Card className="min-w-0 lg:col-start-1 lg:row-start-2" data-testid="recent-trades">
          <CardHeader>
            <CardTitle>Recent trades</CardTitle>
            <CardDescription>
              What each decision did for you: placed, held, or skipped and why.
            </CardDescription>
            <CardAction>
              <Button asChild variant="ghost" size="sm">
                <Link href="/dashboard/trades">
                  All trades <ArrowRightIcon />
                </Link>
              </Button>
            </CardAction>
          </CardHeader>
          <CardContent>
            <TradeLog limit={10} refreshKey={tradesVersion} compact />
          </CardContent>
        </Card>
      </div>
      <PerformancePanel refreshKey={tradesVersion} />
    </div>
  );
}
