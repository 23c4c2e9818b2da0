"use client";
// The open position with unrealised PnL recomputed from the live price of the candle stream; on a live account
// also how fresh the synced state is, a position the owner opened by hand (marked, never touched), and the
// manual controls (close now, cancel open orders).
import Link from "next/link";
import { CrosshairIcon, HandIcon } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { Portfolio } from "@/lib/trading/portfolio";
import { cn, formatNumber, formatUsd } from "@/lib/utils";
import { LiveSyncInfo } from "./live-sync-info";
import { baseAsset, PositionActions } from "./position-actions";
import type { ManualActionView } from "./use-manual-action";

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

/** Position card; `price` is the live last price (null until known), `autoTrade` the switch's state. */
export function PositionCard({
  portfolio,
  price,
  autoTrade = false,
  onActionSettled,
}: {
  portfolio: Portfolio;
  price: number | null;
  autoTrade?: boolean;
  /** A manual action finished: refresh the portfolio and the trade log. */
  onActionSettled?: (action: ManualActionView) => void;
}) {
  const p = portfolio.position;
  const pnl = p ? (price !== null ? livePnl(p, price) : p.unrealizedPnl) : null;
  const margin = p ? (p.entryPrice * p.qty) / Math.max(1, p.leverage) : 0;
  const live = portfolio.account !== null && portfolio.account.exchange !== "paper";
  const asset = baseAsset(portfolio.symbol);
  return (
    <Card className="gap-4" data-testid="position-card">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <CrosshairIcon className="text-muted-foreground size-4" aria-hidden="true" /> Open position
        </CardTitle>
        <CardDescription>
          {portfolio.symbol} · perpetual{portfolio.account ? ` · ${portfolio.account.label}` : ""}
        </CardDescription>
        {p && (
          <CardAction>
            <Badge variant={p.side === "long" ? "success" : "danger"} className="uppercase">
              {p.side} {p.leverage}x
            </Badge>
          </CardAction>
        )}
      </CardHeader>
      <CardContent className="space-y-4">
        {live && <LiveSyncInfo portfolio={portfolio} />}
        {p ? (
          <div>
            {p.origin === "foreign" && (
              <div
                className="border-primary/30 bg-primary/5 mb-3 flex items-start gap-2 rounded-lg border p-3 text-sm"
                data-testid="foreign-position"
              >
                <HandIcon className="text-primary mt-0.5 size-4 shrink-0" aria-hidden="true" />
                <div>
                  <p className="font-medium">Opened by you on the exchange — Tickpilot leaves it alone</p>
                  <p className="text-muted-foreground text-xs">
                    Shown so you see everything on the account. No decision changes or closes it.
                  </p>
                </div>
              </div>
            )}
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
              <Row label="Size" value={`${formatNumber(p.qty, { decimals: 4 })} ${asset}`} />
              <Row label="Entry price" value={price2(p.entryPrice)} />
              <Row label="Mark price" value={price2(price)} />
              <Row label="Liquidation" value={price2(p.liquidationPrice)} className="text-warning" />
              <Row label="Stop loss" value={price2(p.stopLoss)} />
              <Row label="Take profit" value={price2(p.takeProfit)} />
            </dl>
          </div>
        ) : (
          <div
            className="text-muted-foreground rounded-lg border border-dashed p-6 text-center text-sm"
            data-testid="no-position"
          >
            <p className="text-foreground font-medium">Flat</p>
            <p className="mt-1">
              {!portfolio.account
                ? "Connect an exchange account to trade."
                : live && !portfolio.syncedAt
                  ? "No position known yet: it shows after the first sync with the exchange."
                  : "No open position. The next buy or sell decision opens one when auto-trading is on."}
            </p>
            {!portfolio.account && (
              <Button asChild size="sm" variant="outline" className="mt-3">
                <Link href="/dashboard/exchange-keys">Exchange keys</Link>
              </Button>
            )}
          </div>
        )}
        <PositionActions
          portfolio={portfolio}
          price={price}
          autoTrade={autoTrade}
          onSettled={onActionSettled}
        />
      </CardContent>
    </Card>
  );
}
