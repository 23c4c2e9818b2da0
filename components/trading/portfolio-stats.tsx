"use client";
// The four stat tiles over the dashboard: equity, realised PnL (today / total), open position, auto-trading.
import type { LucideIcon } from "lucide-react";
import { ActivityIcon, BotIcon, TrendingUpIcon, WalletIcon } from "lucide-react";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import type { Portfolio } from "@/lib/trading/portfolio";
import { cn, formatNumber, formatUsd } from "@/lib/utils";
import { livePnl } from "./position-card";
import { baseAsset } from "./position-actions";

function Tile(props: {
  label: string;
  icon: LucideIcon;
  value: string;
  hint: React.ReactNode;
  tone?: "profit" | "loss" | null;
  testId: string;
}) {
  return (
    <Card className="gap-2 py-4 sm:gap-3 sm:py-5" data-testid={props.testId}>
      <CardHeader className="flex flex-row items-center justify-between gap-2 px-4 sm:px-5">
        <span className="text-muted-foreground text-sm font-medium">{props.label}</span>
        <props.icon className="text-muted-foreground size-4" aria-hidden="true" />
      </CardHeader>
      <CardContent className="px-4 sm:px-5">
        <div
          className={cn(
            "truncate text-xl font-semibold tracking-tight tabular-nums sm:text-2xl",
            props.tone === "profit" && "text-profit",
            props.tone === "loss" && "text-loss",
          )}
        >
          {props.value}
        </div>
        <p className="text-muted-foreground mt-1 truncate text-xs">{props.hint}</p>
      </CardContent>
    </Card>
  );
}

const tone = (n: number | null) => (n === null || n === 0 ? null : n > 0 ? "profit" : "loss");

/** Stat tiles; `price` is the live last price, `autoTrade` the switch's current state. */
export function PortfolioStats({
  portfolio,
  price,
  autoTrade,
  killSwitch = false,
  pausedReason,
  livePaused = false,
  platformKill = false,
}: {
  portfolio: Portfolio;
  price: number | null;
  autoTrade: boolean;
  /** The user's own kill switch is on ("Stop and flatten"). */
  killSwitch?: boolean;
  pausedReason: string | null;
  /** Billing pauses new live trades on the selected account (auto-trade may still be on). */
  livePaused?: boolean;
  /** The platform-wide kill switch is on: no new orders for anyone. */
  platformKill?: boolean;
}) {
  const p = portfolio.position;
  const pnl = p ? (price !== null ? livePnl(p, price) : p.unrealizedPnl) : null;
  // Equity moves with the live price: the server's figure includes the PnL at its price, so shift by the change.
  const equity =
    portfolio.equity !== null && p && pnl !== null
      ? portfolio.equity - p.unrealizedPnl + pnl
      : portfolio.equity;
  const noAccount = !portfolio.account;
  const live = !noAccount && portfolio.account!.exchange !== "paper";
  // A live account's figures are the last sync's: unknown before the first one, or kept when a read failed.
  const equityHint = noAccount
    ? "No account selected"
    : equity === null
      ? live && !portfolio.syncedAt
        ? "Waiting for the first sync"
        : "The exchange could not be read"
      : live && portfolio.error
        ? `As of the last good sync · ${portfolio.account!.label}`
        : `${formatUsd(portfolio.available)} available · ${portfolio.account!.label}`;
  return (
    <div className="grid grid-cols-2 gap-3 sm:gap-4 xl:grid-cols-4">
      <Tile
        label="Equity"
        icon={WalletIcon}
        testId="stat-equity"
        value={noAccount ? "—" : equity === null ? "Unavailable" : formatUsd(equity)}
        hint={equityHint}
      />
      <Tile
        label="Realised PnL"
        icon={TrendingUpIcon}
        testId="stat-realized"
        value={noAccount ? "—" : formatUsd(portfolio.realizedToday, { signed: true })}
        tone={noAccount ? null : tone(portfolio.realizedToday)}
        hint={
          noAccount
            ? "No closed trades yet"
            : `Today · ${formatUsd(portfolio.realizedTotal, { signed: true })} all time`
        }
      />
      <Tile
        label="Open position"
        icon={ActivityIcon}
        testId="stat-position"
        value={p ? formatUsd(pnl, { signed: true }) : "Flat"}
        tone={tone(pnl)}
        hint={
          p
            ? `${p.side === "long" ? "Long" : "Short"} ${formatNumber(p.qty, { decimals: 4 })} ${baseAsset(portfolio.symbol)} · ${p.leverage}x${p.origin === "foreign" ? " · yours" : ""}`
            : "No open position"
        }
      />
      <Tile
        label="Auto-trading"
        icon={BotIcon}
        testId="stat-auto-trade"
        value={
          killSwitch
            ? "Stopped"
            : platformKill && autoTrade
              ? "Paused"
              : autoTrade && !livePaused
                ? "On"
                : pausedReason || livePaused
                  ? "Paused"
                  : "Off"
        }
        tone={killSwitch ? "loss" : autoTrade && !livePaused && !platformKill ? "profit" : null}
        hint={
          killSwitch
            ? "Your kill switch is on"
            : platformKill
              ? "Paused platform-wide · no new orders"
              : autoTrade && livePaused
                ? "New live trades paused · close still runs"
                : autoTrade
                  ? "Acting on every decision"
                  : pausedReason
                    ? "See the notice above"
                    : "Switch it on below"
        }
      />
    </div>
  );
}
