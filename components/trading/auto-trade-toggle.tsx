"use client";
// The auto-trade switch: optimistic, rolled back with the server's message when refused (e.g. no account). Below
// it the user's own kill switch ("Stop and flatten"); while that is on the card says so and how to trade again.
import { useState } from "react";
import Link from "next/link";
import { BotIcon, OctagonPauseIcon } from "lucide-react";
import { toast } from "sonner";
import { pauseExplanation, type BillingPauseView } from "@/components/billing/billing-pause";
import { PaperSwitchButton } from "@/components/billing/paper-switch-button";
import { Badge } from "@/components/ui/badge";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Switch } from "@/components/ui/switch";
import { apiFetch, ApiError } from "@/lib/api/client";
import type { Portfolio } from "@/lib/trading/portfolio";
import { StopAndFlatten } from "./stop-and-flatten";
import type { ManualActionView } from "./use-manual-action";

/** The two switches the card shows. */
export interface TradingState {
  autoTrade: boolean;
  killSwitch: boolean;
}

interface Props {
  state: TradingState;
  /** A new state: optimistic, confirmed by the server (`saved`), or rolled back. */
  onChange: (next: TradingState, saved: boolean) => void;
  /** The selected account, or null when none is selected. */
  account: Portfolio["account"];
  symbol: string;
  position: Portfolio["position"];
  /** Set while billing pauses new live trades on the selected account. */
  billingPause?: BillingPauseView | null;
  /** A manual action finished: refresh the portfolio and the trade log. */
  onActionSettled?: (action: ManualActionView) => void;
  /** The platform-wide kill switch is on (live): no new orders for anyone, whatever this switch says. */
  platformKill?: boolean;
}

/** Card with the auto-trade switch, what it does, and the user's own kill switch. */
export function AutoTradeToggle({ state, onChange, account, symbol, position, ...props }: Props) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const { autoTrade: enabled, killSwitch } = state;

  async function toggle(next: boolean) {
    const before = state;
    onChange({ autoTrade: next, killSwitch }, false);
    setBusy(true);
    setProblem(null);
    try {
      const res = await apiFetch<{ settings: TradingState }>("/api/auto-trade", {
        method: "PUT",
        body: { enabled: next },
      });
      onChange({ autoTrade: res.settings.autoTrade, killSwitch: res.settings.killSwitch }, true);
      toast.success(
        next
          ? killSwitch
            ? "Auto-trading is on and your kill switch is off. It acts from the next decision."
            : "Auto-trading is on. It acts from the next decision."
          : "Auto-trading is off.",
      );
    } catch (err) {
      onChange(before, false);
      const message = err instanceof ApiError ? err.message : "Could not reach the server. Try again.";
      setProblem(message);
      toast.error(message);
    } finally {
      setBusy(false);
    }
  }

  const badge = killSwitch
    ? { variant: "danger" as const, text: "Stopped" }
    : enabled
      ? props.billingPause || props.platformKill
        ? { variant: "warning" as const, text: "Paused" }
        : { variant: "success" as const, text: "On" }
      : { variant: "muted" as const, text: "Off" };
  return (
    <Card className="gap-4" data-testid="auto-trade-card">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <BotIcon className="text-muted-foreground size-4" aria-hidden="true" /> Auto-trading
        </CardTitle>
        <CardDescription>
          {account ? (
            <>
              Trades on <span className="text-foreground font-medium">{account.label}</span>
            </>
          ) : (
            "No exchange account selected"
          )}
        </CardDescription>
        <CardAction>
          <Badge variant={badge.variant} data-testid="auto-trade-state">
            {badge.text}
          </Badge>
        </CardAction>
      </CardHeader>
      <CardContent className="space-y-3">
        {killSwitch && (
          <div
            className="border-destructive/30 bg-destructive/5 space-y-1 rounded-lg border p-3 text-sm"
            data-testid="kill-switch-on"
          >
            <p className="text-destructive flex items-center gap-2 font-medium">
              <OctagonPauseIcon className="size-4 shrink-0" aria-hidden="true" />
              Kill switch on
            </p>
            <p className="text-foreground/80">
              You stopped auto-trading: no new orders are placed for you. To trade again, switch auto-trading
              on below. That turns the kill switch off, and the next decision acts for you.
            </p>
          </div>
        )}
        {props.platformKill && !killSwitch && (
          <div
            className="border-destructive/30 bg-destructive/5 space-y-1 rounded-lg border p-3 text-sm"
            data-testid="platform-kill-note"
          >
            <p className="text-destructive flex items-center gap-2 font-medium">
              <OctagonPauseIcon className="size-4 shrink-0" aria-hidden="true" />
              Paused platform-wide
            </p>
            <p className="text-foreground/80">
              An operator switched on the global kill switch: no new orders are placed for anyone.
              {enabled
                ? " Your auto-trading stays on and acts again from the first decision after it is switched off."
                : " You can still switch auto-trading on; it acts once the kill switch is off."}
            </p>
          </div>
        )}
        {props.billingPause && (
          <div
            className="border-warning/40 bg-warning/10 space-y-2 rounded-lg border p-3 text-sm"
            data-testid="auto-trade-paused"
          >
            <p className="font-medium">New live trades paused · close decisions still run</p>
            <p className="text-foreground/80">{props.billingPause.reason}</p>
            <PaperSwitchButton className="w-full sm:w-auto" />
            <p className="text-muted-foreground text-xs">{pauseExplanation(props.billingPause).paper}</p>
          </div>
        )}
        <label className="bg-muted/40 flex cursor-pointer items-center justify-between gap-4 rounded-lg border p-3">
          <span className="text-sm">
            <span className="block font-medium">Trade on every decision</span>
            <span className="text-muted-foreground text-xs">
              Orders follow your risk level, leverage cap and minimum confidence.
            </span>
          </span>
          <Switch
            checked={enabled}
            disabled={busy}
            onCheckedChange={(v) => void toggle(v)}
            aria-label="Auto-trade"
            data-testid="auto-trade-switch"
          />
        </label>
        {problem && (
          <p className="text-destructive text-sm" role="alert" data-testid="auto-trade-error">
            {problem}{" "}
            {/exchange/i.test(problem) && (
              <Link href="/dashboard/exchange-keys" className="font-medium underline underline-offset-4">
                Open Exchange keys
              </Link>
            )}
          </p>
        )}
        {account && (
          <StopAndFlatten
            symbol={symbol}
            accountLabel={account.label}
            live={account.exchange !== "paper"}
            position={position}
            stopped={killSwitch}
            onStopped={() => onChange({ autoTrade: false, killSwitch: true }, true)}
            onSettled={props.onActionSettled}
          />
        )}
        <p className="text-muted-foreground text-xs">
          Adjust limits in{" "}
          <Link href="/dashboard/settings" className="underline underline-offset-4">
            Settings
          </Link>
          .
        </p>
      </CardContent>
    </Card>
  );
}
