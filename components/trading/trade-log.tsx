"use client";
// The trade log: the user's orders (placed, filled or partly, cancelled, rejected or expired by the exchange,
// skipped or failed with why), exits Tickpilot did not place (stop loss, take profit, liquidation, closed by the
// owner on the exchange) and the decisions that placed nothing (holds, compact), paginated from /api/logs and
// filterable (all / trades / holds & skips). Refreshes itself when the page's stream reports a new order, a
// decision or a sync (`refreshKey`).
import { useEffect, useState } from "react";
import useSWR from "swr";
import { ArrowLeftRightIcon, ChevronLeftIcon, ChevronRightIcon } from "lucide-react";
import { EmptyState } from "@/components/empty-state";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { swrFetcher } from "@/lib/api/client";
import { cn } from "@/lib/utils";
import { HoldRun, type HoldItem } from "@/components/trading/trade-log-holds";
import { OrderRow, shortTime, type TradeLogItem } from "@/components/trading/trade-log-row";

export { qtyText, type TradeLogItem } from "@/components/trading/trade-log-row";

type Filter = "all" | "trades" | "holds";

interface TradeLogPage {
  items: (TradeLogItem | HoldItem)[];
  page: number;
  limit: number;
  total: number;
}

const FILTERS: { id: Filter; label: string }[] = [
  { id: "all", label: "All" },
  { id: "trades", label: "Trades" },
  { id: "holds", label: "Holds & skips" },
];

const EMPTY: Record<Filter, { title: string; description: string }> = {
  all: {
    title: "No trades yet",
    description:
      "When auto-trading is on, every decision's outcome for you appears here: placed, held, or skipped and why.",
  },
  trades: {
    title: "No orders yet",
    description: "Orders appear here when a buy, sell or close decision acts for you.",
  },
  holds: {
    title: "No holds or skips",
    description: "Decisions that placed nothing for you (holds, skipped orders) appear here with the reason.",
  },
};

// Consecutive holds fold into one run; orders stay one row each.
function runs(items: TradeLogPage["items"]): (TradeLogItem | HoldItem[])[] {
  const out: (TradeLogItem | HoldItem[])[] = [];
  for (const item of items) {
    if (item.type !== "hold") out.push(item);
    else {
      const last = out.at(-1);
      if (Array.isArray(last) && last[0]!.status === item.status) last.push(item);
      else out.push([item]);
    }
  }
  return out;
}

/** All / Trades / Holds & skips: toggle buttons (not tabs: there are no separate panels). */
function FilterBar({ value, onChange }: { value: Filter; onChange: (f: Filter) => void }) {
  return (
    <div role="group" aria-label="Show" className="bg-muted inline-flex rounded-lg p-[3px]">
      {FILTERS.map((f) => (
        <button
          key={f.id}
          type="button"
          aria-pressed={value === f.id}
          data-testid={`trade-filter-${f.id}`}
          onClick={() => onChange(f.id)}
          className={cn(
            "focus-visible:ring-ring/50 rounded-md px-2.5 py-1 text-xs font-medium whitespace-nowrap focus-visible:ring-[3px] focus-visible:outline-none",
            value === f.id
              ? "bg-background text-foreground shadow-sm"
              : "text-muted-foreground hover:text-foreground",
          )}
        >
          {f.label}
        </button>
      ))}
    </div>
  );
}

/**
 * The trade log with its pager; `refreshKey` changes when the page's stream reports something. `compact` (the
 * dashboard's narrow card) drops leverage and SL / TP and puts the note under the side, so it stays in view.
 */
export function TradeLog({
  limit = 20,
  refreshKey = 0,
  compact = false,
}: {
  limit?: number;
  refreshKey?: number;
  compact?: boolean;
}) {
  const [page, setPage] = useState(1);
  const [filter, setFilter] = useState<Filter>("all");
  const { data, error, isLoading, mutate } = useSWR<TradeLogPage>(
    `/api/logs?page=${page}&limit=${limit}&show=${filter}`,
    swrFetcher,
    {
      keepPreviousData: true,
    },
  );
  useEffect(() => {
    if (refreshKey > 0) void mutate();
  }, [refreshKey, mutate]);
  const pages = data ? Math.max(1, Math.ceil(data.total / limit)) : 1;

  return (
    <div className="space-y-3">
      <FilterBar
        value={filter}
        onChange={(f) => {
          setFilter(f);
          setPage(1);
        }}
      />
      {body()}
    </div>
  );

  // The part under the filter: error, loading, empty for this filter, or the table with its pager.
  function body() {
    if (error)
      return (
        <p className="text-destructive text-sm">Could not load the trade log. It retries automatically.</p>
      );
    if (isLoading && !data) {
      return (
        <div className="space-y-2" role="status" aria-busy="true" aria-label="Loading trades">
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} className="h-9 w-full" />
          ))}
        </div>
      );
    }
    if (!data || data.total === 0) {
      return (
        <EmptyState
          icon={ArrowLeftRightIcon}
          title={EMPTY[filter].title}
          description={EMPTY[filter].description}
        />
      );
    }
    return (
      <div className="space-y-3">
        <div className="overflow-x-auto">
          <Table aria-label="Trade log">
            <TableHeader>
              <TableRow>
                <TableHead>Time (UTC)</TableHead>
                <TableHead>Status</TableHead>
                <TableHead>Side</TableHead>
                <TableHead className="text-right">Qty</TableHead>
                <TableHead className="text-right">Price</TableHead>
                {!compact && <TableHead className="text-right">Lev.</TableHead>}
                {!compact && <TableHead className="hidden md:table-cell">SL / TP</TableHead>}
                <TableHead className="text-right">Fee</TableHead>
                {!compact && <TableHead className="min-w-56">Note</TableHead>}
              </TableRow>
            </TableHeader>
            <TableBody>
              {runs(data.items).map((o) =>
                Array.isArray(o) ? (
                  <HoldRun key={o[0]!.key} holds={o} span={compact ? 4 : 7} time={shortTime} />
                ) : (
                  <OrderRow key={o.key ?? o.id} o={o} compact={compact} />
                ),
              )}
            </TableBody>
          </Table>
        </div>
        <div className="flex items-center justify-between text-sm">
          <span className="text-muted-foreground">
            {data.total} {data.total === 1 ? "entry" : "entries"} · page {data.page} of {pages}
          </span>
          <div className="flex gap-2">
            <Button
              variant="outline"
              size="sm"
              disabled={page <= 1}
              onClick={() => setPage((p) => p - 1)}
              aria-label="Previous page"
            >
              <ChevronLeftIcon /> Previous
            </Button>
            <Button
              variant="outline"
              size="sm"
              disabled={page >= pages}
              onClick={() => setPage((p) => p + 1)}
              aria-label="Next page"
            >
              Next <ChevronRightIcon />
            </Button>
          </div>
        </div>
      </div>
    );
  }
}
