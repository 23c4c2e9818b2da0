"use client";
// The latest decision: action, confidence, leverage, SL/TP, the reason in words, who decided, and a countdown
// to the next one. Recent decisions are listed under it.
import { BrainCircuitIcon, TimerIcon } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card, CardAction, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { cn, formatDateTime, formatPercent, formatUsd } from "@/lib/utils";
import type { DecisionItem } from "./decision-item";
import { StrategyBadge } from "./strategy-badge";
import { formatCountdown, useCountdown } from "./use-countdown";

export interface ScheduleView {
  nextTickAt: number;
  tickIntervalMs: number;
  provider: string;
  model: string;
  serverNow?: number;
}

const ACTION_VARIANT = { buy: "success", sell: "danger", close: "warning", hold: "muted" } as const;

/** A coloured BUY / SELL / CLOSE / HOLD badge. */
export function ActionBadge({ action, className }: { action: DecisionItem["action"]; className?: string }) {
  return (
    <Badge variant={ACTION_VARIANT[action]} className={cn("tracking-wide uppercase", className)}>
      {action}
    </Badge>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="min-w-0">
      <dt className="text-muted-foreground text-xs">{label}</dt>
      <dd className="truncate text-sm font-medium tabular-nums">{value}</dd>
    </div>
  );
}

const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);
const hhmmss = (ms: number) => new Date(ms).toISOString().slice(11, 19);

/** The decision card (`decisions` newest first). */
export function DecisionCard({ decisions, schedule }: { decisions: DecisionItem[]; schedule: ScheduleView }) {
  const { leftMs, nextAt } = useCountdown(schedule.nextTickAt, schedule.tickIntervalMs, schedule.serverNow);
  const latest = decisions[0] ?? null;
  // SL/TP and leverage only mean something for an order-opening decision.
  const trades = latest?.action === "buy" || latest?.action === "sell";
  const pct = latest ? Math.round(Math.min(1, Math.max(0, latest.confidence)) * 100) : 0;
  return (
    <Card className="gap-4" data-testid="decision-card">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <BrainCircuitIcon className="text-muted-foreground size-4" aria-hidden="true" /> Latest decision
        </CardTitle>
        <CardAction>
          <div
            className="bg-muted text-muted-foreground flex items-center gap-1.5 rounded-md px-2 py-1 text-xs whitespace-nowrap tabular-nums"
            data-testid="next-tick"
            data-next-at={leftMs ? nextAt : undefined}
            title={`Decisions every ${Math.round(schedule.tickIntervalMs / 1000)} s, at ${hhmm(nextAt)} UTC next`}
            suppressHydrationWarning
          >
            <TimerIcon className="size-3.5" aria-hidden="true" />
            Next in{" "}
            <span className="text-foreground font-medium">{leftMs ? formatCountdown(leftMs) : "—"}</span>
          </div>
        </CardAction>
      </CardHeader>
      <CardContent className="space-y-4">
        <StrategyBadge
          provider={latest?.provider ?? schedule.provider}
          model={latest?.model ?? schedule.model}
        />
        {latest ? (
          <>
            <div className="flex items-center justify-between gap-3">
              <div className="flex items-center gap-2">
                <ActionBadge action={latest.action} className="px-2.5 py-1 text-sm" />
                <span
                  className="text-muted-foreground text-sm whitespace-nowrap tabular-nums"
                  data-testid="decision-time"
                  title={`${formatDateTime(latest.tickTime, { seconds: true })} UTC`}
                >
                  {hhmmss(latest.tickTime)} UTC
                </span>
              </div>
              {latest.price !== null && (
                <span className="text-muted-foreground text-sm tabular-nums">
                  @ {formatUsd(latest.price)}
                </span>
              )}
            </div>
            <div>
              <div className="mb-1.5 flex items-center justify-between text-xs">
                <span className="text-muted-foreground">Confidence</span>
                <span className="font-medium tabular-nums">{pct}%</span>
              </div>
              <div
                className="bg-muted h-2 overflow-hidden rounded-full"
                role="meter"
                aria-label="Confidence"
                aria-valuenow={pct}
                aria-valuemin={0}
                aria-valuemax={100}
              >
                <div
                  className={cn(
                    "h-full rounded-full transition-all",
                    pct >= 70 ? "bg-success" : pct >= 40 ? "bg-warning" : "bg-muted-foreground/50",
                  )}
                  style={{ width: `${pct}%` }}
                />
              </div>
            </div>
            <dl className="grid grid-cols-3 gap-3">
              <Stat label="Leverage" value={trades ? `${latest.leverage}x` : "—"} />
              <Stat
                label="Stop loss"
                value={trades && latest.stopLoss ? formatPercent(latest.stopLoss) : "—"}
              />
              <Stat
                label="Take profit"
                value={trades && latest.takeProfit ? formatPercent(latest.takeProfit) : "—"}
              />
            </dl>
            <p className="bg-muted/50 rounded-lg p-3 text-sm leading-relaxed" data-testid="decision-reason">
              {latest.reason}
            </p>
            {decisions.length > 1 && (
              <div>
                <p className="text-muted-foreground mb-2 text-xs font-medium">Earlier</p>
                <ul className="space-y-1.5" aria-label="Earlier decisions">
                  {decisions.slice(1, 6).map((d) => (
                    <li key={d.id} className="flex items-center justify-between gap-2 text-xs">
                      <span className="text-muted-foreground tabular-nums">{hhmm(d.tickTime)}</span>
                      <span className="text-muted-foreground min-w-0 flex-1 truncate" title={d.reason}>
                        {d.reason}
                      </span>
                      <span className="tabular-nums">{Math.round(d.confidence * 100)}%</span>
                      <ActionBadge action={d.action} className="w-14" />
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </>
        ) : (
          <div
            className="text-muted-foreground rounded-lg border border-dashed p-6 text-center text-sm"
            data-testid="no-decision"
          >
            <p className="text-foreground font-medium">No decisions yet</p>
            <p className="mt-1" suppressHydrationWarning>
              The first decision arrives at {hhmm(nextAt)} UTC.
            </p>
          </div>
        )}
      </CardContent>
    </Card>
  );
}
