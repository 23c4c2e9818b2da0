"use client";
// Closed round trips of a backtest or a track-record account: side, entry and exit, how it ended, PnL after fees.
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cn, formatDateTime, formatNumber, formatUsd } from "@/lib/utils";
import { PageButtons } from "./page-buttons";

/** One closed trade (times as ms or ISO strings). */
export interface TradeView {
  side: "long" | "short";
  qty: number;
  entryPrice: number;
  exitPrice: number;
  openedAt: number | string;
  closedAt: number | string;
  exitReason: string;
  net: number;
  fees: number;
}

const EXIT: Record<string, { label: string; variant: "success" | "danger" | "muted" | "warning" }> = {
  take_profit: { label: "target", variant: "success" },
  stop_loss: { label: "stop", variant: "danger" },
  liquidation: { label: "liquidated", variant: "danger" },
  signal: { label: "closed by decision", variant: "muted" },
  flip: { label: "reversed", variant: "warning" },
};

/** The trades, `pageSize` at a time (newest first when given newest first). */
export function TradesTable({ trades, pageSize = 15 }: { trades: TradeView[]; pageSize?: number }) {
  const [page, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(trades.length / pageSize));
  const shown = trades.slice(page * pageSize, (page + 1) * pageSize);
  return (
    <div className="space-y-3">
      <Table data-testid="trades-table">
        <TableHeader>
          <TableRow>
            <TableHead>Opened (UTC)</TableHead>
            <TableHead>Side</TableHead>
            <TableHead className="text-right">Entry</TableHead>
            <TableHead className="text-right">Exit</TableHead>
            <TableHead className="hidden md:table-cell">Closed</TableHead>
            <TableHead>How</TableHead>
            <TableHead className="text-right">Net PnL</TableHead>
            <TableHead className="hidden text-right sm:table-cell">Fees</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {shown.map((t, i) => {
            const exit = EXIT[t.exitReason] ?? { label: t.exitReason, variant: "muted" as const };
            return (
              <TableRow key={`${t.openedAt}-${i}`} data-testid="trade-result-row">
                <TableCell className="whitespace-nowrap tabular-nums">{formatDateTime(t.openedAt)}</TableCell>
                <TableCell>
                  <span className={cn("font-medium", t.side === "long" ? "text-profit" : "text-loss")}>
                    {t.side === "long" ? "Long" : "Short"}
                  </span>{" "}
                  <span className="text-muted-foreground text-xs tabular-nums">
                    {formatNumber(t.qty, { decimals: 3 })}
                  </span>
                </TableCell>
                <TableCell className="text-right tabular-nums">
                  {formatNumber(t.entryPrice, { decimals: 1 })}
                </TableCell>
                <TableCell className="text-right tabular-nums">
                  {formatNumber(t.exitPrice, { decimals: 1 })}
                </TableCell>
                <TableCell className="hidden whitespace-nowrap tabular-nums md:table-cell">
                  {formatDateTime(t.closedAt)}
                </TableCell>
                <TableCell>
                  <Badge variant={exit.variant}>{exit.label}</Badge>
                </TableCell>
                <TableCell
                  className={cn(
                    "text-right font-medium tabular-nums",
                    t.net > 0 ? "text-profit" : t.net < 0 ? "text-loss" : "",
                  )}
                >
                  {formatUsd(t.net, { signed: true })}
                </TableCell>
                <TableCell className="text-muted-foreground hidden text-right tabular-nums sm:table-cell">
                  {formatUsd(t.fees)}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      {pages > 1 && (
        <PageButtons page={page + 1} pages={pages} onPage={(p) => setPage(p - 1)} label="trades" />
      )}
    </div>
  );
}
