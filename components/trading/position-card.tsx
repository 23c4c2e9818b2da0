"use client";
// The open position with unrealised PnL recomputed from the live price of the candle stream.
import Link from "next/link";
import { CrosshairIcon, PlugZapIcon } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { Portfolio } from "@/lib/trading/portfolio";
import { cn, formatNumber, formatUsd } from "@/lib/utils";

/** Unrealised PnL of a position at `price`: long (price − entry) × qty, short (entry − price) × qty. */
export function livePnl(
  p: { side: "long" | "short"; qty: number; entryPrice: number },
  price: number,
): number {
  return (p.side === "long" ? price - p.entryPrice : p.entryPrice - price) * p.qty;
}

function Row({ label, value, className }: { label: string; value: string; className?: string }) {
  return (
    <div className="flex items-center justify-between gap-3 py-1.5 text-sm">
      <dt className="text-muted-foreground">{label}</dt>
      <dd className={cn("font-medium tabular-nums", className)}>{value}</dd>
    </div>
  );
}

const price2 = (n: number | null) => (n === null ? "—" : formatNumber(n, { decimals: 2, fixed: true }));

/** Position card; `price` is the live last price (null until known). */
export function PositionCard({ portfolio, price }: { portfolio: Portfolio; price: number | null }) {
  const p = portfolio.position;
  const pnl = p ? (price !== null ? livePnl(p, price) : p.unrealizedPnl) : null;
  const margin = p ? (p.entryPrice * p.qty) / Math.max(1, p.leverage) : 0;
  return (
    <Card className="gap-4" data-testid="position-card">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <CrosshairIcon className="text-muted-foreground size-4" aria-hidden="true" /> Open position
        </CardTitle>
        <CardDescription>{portfolio.symbol} · perpetual</CardDescription>
        {p && (
          <CardAction>
            <Badge variant={p.side === "long" ? "success" : "danger"} className="uppercase">
              {p.side} {p.leverage}x
            </Badge>
          </CardAction>
        )}
      </CardHeader>
      <CardContent>
        {portfolio.error ? (
          <div
            className="text-muted-foreground flex flex-col items-center gap-2 rounded-lg border border-dashed p-6 text-center text-sm"
            data-testid="exchange-error"
          >
            <PlugZapIcon className="text-warning size-5" aria-hidden="true" />
            <p className="text-foreground font-medium">Exchange unreachable</p>
            <p>{portfolio.error.replace(/^Exchange unreachable: /, "")}</p>
          </div>
        ) : p ? (
          <>
            <div className="mb-3 rounded-lg border p-3">
              <p className="text-muted-foreground text-xs">Unrealised PnL</p>
              <p
                className={cn(
                  "text-2xl font-semibold tracking-tight tabular-nums",
                  pnl !== null && pnl > 0 && "text-profit",
                  pnl !== null && pnl < 0 && "text-loss",
                )}
                data-testid="unrealized-pnl"
              >
                {formatUsd(pnl, { signed: true })}
              </p>
              {pnl !== null && margin > 0 && (
                <p className="text-muted-foreground text-xs tabular-nums">
                  {formatNumber((pnl / margin) * 100, { decimals: 2, signed: true })}% on {formatUsd(margin)}{" "}
                  margin
                </p>
              )}
            </div>
            <dl className="divide-y">
              <Row label="Size" value={`${formatNumber(p.qty, { decimals: 4 })} BTC`} />
              <Row label="Entry price" value={price2(p.entryPrice)} />
              <Row label="Mark price" value={price2(price)} />
              <Row label="Liquidation" value={price2(p.liquidationPrice)} className="text-warning" />
              <Row label="Stop loss" value={price2(p.stopLoss)} />
              <Row label="Take profit" value={price2(p.takeProfit)} />
            </dl>
          </>
        ) : (
          <div
            className="text-muted-foreground rounded-lg border border-dashed p-6 text-center text-sm"
            data-testid="no-position"
          >
            <p className="text-foreground font-medium">Flat</p>
            <p className="mt-1">
              {portfolio.account
                ? "No open position. The next buy or sell decision opens one when auto-trading is on."
                : "Connect an exchange account to trade."}
            </p>
            {!portfolio.account && (
              <Button asChild size="sm" variant="outline" className="mt-3">
                <Link href="/dashboard/exchange-keys">Exchange keys</Link>
              </Button>
            )}
          </div>
        )}
      </CardContent>
    </Card>
  );
}
