"use client";
// The dashboard's market card: symbol and last price, interval switcher, live/stale state, and the chart.
import { useEffect, useMemo, useState } from "react";
import { AlertTriangleIcon, CandlestickChartIcon } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { Tabs, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { cn } from "@/lib/utils";
import { INTERVAL_MS, INTERVALS, type Interval } from "@/lib/market/types";
import { alignMarkers, mergeMarkers, type SymbolMarker } from "./align-markers";
import { CandleChart } from "./candle-chart";
import { useMarketStream } from "./use-market-stream";

/** The feed counts as stale when its last update is older than this. */
const STALE_MS = 120_000;

interface Props {
  symbols: string[];
  /** Decision markers (`time` in ms, any moment inside the bar); aligned to the shown interval here. */
  markers?: SymbolMarker[];
}

function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}

function ago(ms: number): string {
  const m = Math.round(ms / 60_000);
  return m < 60 ? `${m} min` : `${Math.round(m / 60)} h`;
}

/** What the % change covers: the candles on the chart, e.g. "over 5 h" for 300 one-minute candles. */
function changePeriod(bars: number, interval: Interval): string {
  const hours = (bars * INTERVAL_MS[interval]) / 3_600_000;
  if (hours < 1) return `over ${Math.round(hours * 60)} min`;
  if (hours < 48) return `over ${Math.round(hours)} h`;
  return `over ${Math.round(hours / 24)} days`;
}

/** One badge for the feed: live (and whether it is the built-in replay), stale or reconnecting. */
function FeedBadge({ stale, connected, replay }: { stale: boolean; connected: boolean; replay: boolean }) {
  if (stale)
    return (
      <Badge variant="warning" data-testid="feed-badge">
        Stale
      </Badge>
    );
  if (!connected)
    return (
      <Badge variant="muted" data-testid="feed-badge">
        Reconnecting
      </Badge>
    );
  return replay ? (
    <Badge
      variant="success"
      data-testid="feed-badge"
      title="Real Binance candles from December 2024, re-timed to now"
    >
      Live replay
    </Badge>
  ) : (
    <Badge variant="success" data-testid="feed-badge">
      Live
    </Badge>
  );
}

/** Live candlestick card for the configured symbols. */
export function MarketChartCard({ symbols, markers }: Props) {
  const [symbol, setSymbol] = useState(symbols[0]!);
  const [interval, chooseInterval] = useState<Interval>("1m");
  const { candles, lastUpdate, source, isLoading, error, connected } = useMarketStream(symbol, interval);
  const now = useNow(5_000);
  const last = candles.at(-1);
  const first = candles[0];
  const change = last && first ? ((last.c - first.o) / first.o) * 100 : null;
  const shownMarkers = useMemo(
    () => alignMarkers(markers ?? [], symbol, INTERVAL_MS[interval], candles),
    [markers, symbol, interval, candles],
  );
  const chartMarkers = useMemo(
    () =>
      mergeMarkers(
        shownMarkers.map(({ time, position, color, shape, text }) => ({
          time,
          position,
          color,
          shape,
          text,
        })),
      ),
    [shownMarkers],
  );
  const stale = !isLoading && !error && (lastUpdate === null || now - lastUpdate > STALE_MS);

  return (
    <Card className="gap-3 py-4 sm:py-5" data-testid="market-card">
      <CardHeader className="flex flex-wrap items-center justify-between gap-3 px-4 sm:px-5">
        <div className="flex min-w-0 flex-wrap items-center gap-x-3 gap-y-2">
          {symbols.length > 1 ? (
            <Tabs value={symbol} onValueChange={setSymbol}>
              <TabsList>
                {symbols.map((s) => (
                  <TabsTrigger key={s} value={s}>
                    {s}
                  </TabsTrigger>
                ))}
              </TabsList>
            </Tabs>
          ) : (
            <span className="font-semibold tracking-tight">{symbol}</span>
          )}
          <span className="text-xl font-semibold tabular-nums" data-testid="last-price">
            {last
              ? last.c.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })
              : "—"}
          </span>
          {change !== null && (
            <span
              className={`text-sm tabular-nums ${change >= 0 ? "text-success" : "text-danger"}`}
              title="Change from the open of the first candle on the chart to the last price"
              data-testid="price-change"
            >
              {change >= 0 ? "+" : ""}
              {change.toFixed(2)}%{" "}
              <span className="text-muted-foreground text-xs">{changePeriod(candles.length, interval)}</span>
            </span>
          )}
          {!isLoading && !error && (
            <FeedBadge stale={stale} connected={connected} replay={source === "replay"} />
          )}
        </div>
        {/* A toggle group, not tabs: the chart below is one panel whatever the interval. */}
        <div
          role="group"
          aria-label="Candle interval"
          className="bg-muted text-muted-foreground inline-flex h-9 w-fit items-center rounded-lg p-[3px]"
        >
          {INTERVALS.map((i) => (
            <button
              key={i}
              type="button"
              aria-pressed={i === interval}
              onClick={() => chooseInterval(i)}
              className={cn(
                "focus-visible:ring-ring/50 inline-flex h-full items-center justify-center rounded-md border border-transparent px-3 text-sm font-medium transition-[color,box-shadow] outline-none focus-visible:ring-[3px]",
                i === interval
                  ? "bg-background text-foreground dark:border-input dark:bg-input/30 shadow-sm"
                  : "text-foreground dark:text-muted-foreground",
              )}
            >
              {i}
            </button>
          ))}
        </div>
      </CardHeader>
      <CardContent className="px-2 sm:px-3">
        {stale && (
          <Alert variant="warning" className="mb-3" data-testid="stale-banner">
            <AlertTriangleIcon />
            <AlertTitle>Market feed is stale</AlertTitle>
            <AlertDescription>
              {lastUpdate
                ? `The last candle update arrived ${ago(now - lastUpdate)} ago. Prices on this chart may be out of date until the feed recovers.`
                : "No candles have arrived yet. Check that a worker with the feed role is running."}
            </AlertDescription>
          </Alert>
        )}
        <div className="relative h-[340px] sm:h-[420px]">
          {error ? (
            <div className="text-muted-foreground flex h-full flex-col items-center justify-center gap-2 text-sm">
              <CandlestickChartIcon className="size-6" aria-hidden="true" />
              <p>{error.message}</p>
            </div>
          ) : (
            <>
              {isLoading && <Skeleton className="absolute inset-0 z-20" data-testid="chart-loading" />}
              <CandleChart
                candles={candles}
                seriesId={`${symbol}|${interval}`}
                markers={chartMarkers}
                className="h-full"
              />
              <ul className="sr-only" aria-label="Decisions on the chart" data-testid="decision-markers">
                {shownMarkers.map((m, i) => (
                  <li key={`${m.time}-${i}`} data-testid="decision-marker" data-time={m.time}>
                    {m.label ?? m.text}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      </CardContent>
    </Card>
  );
}
