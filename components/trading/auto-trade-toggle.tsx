"use client";
// The auto-trade switch: optimistic, rolled back with the server's message when refused (e.g. no account).
import { useState } from "react";
import Link from "next/link";
import { BotIcon } from "lucide-react";
import { toast } from "sonner";
import { pauseExplanation, type BillingPauseView } from "@/components/billing/billing-pause";
import { PaperSwitchButton } from "@/components/billing/paper-switch-button";
import { Badge } from "@/components/ui/badge";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Switch } from "@/components/ui/switch";
import { apiFetch, ApiError } from "@/lib/api/client";

interface Props {
  initial: boolean;
  /** The selected account's label, or null when none is selected. */
  accountLabel: string | null;
  onChange?: (enabled: boolean) => void;
  /** Set while billing pauses new live trades on the selected account. */
  billingPause?: BillingPauseView | null;
}

/** Card with the auto-trade switch and what it does. */
export function AutoTradeToggle({ initial, accountLabel, onChange, billingPause }: Props) {
  const [enabled, setEnabled] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function toggle(next: boolean) {
    setEnabled(next);
    setBusy(true);
    setProblem(null);
    try {
      const res = await apiFetch<{ settings: { autoTrade: boolean } }>("/api/auto-trade", {
        method: "PUT",
        body: { enabled: next },
      });
      setEnabled(res.settings.autoTrade);
      onChange?.(res.settings.autoTrade);
      toast.success(next ? "Auto-trading is on. It acts from the next decision." : "Auto-trading is off.");
    } catch (err) {
      setEnabled(!next);
      const message = err instanceof ApiError ? err.message : "Could not reach the server. Try again.";
      setProblem(message);
      toast.error(message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card className="gap-4" data-testid="auto-trade-card">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <BotIcon className="text-muted-foreground size-4" aria-hidden="true" /> Auto-trading
        </CardTitle>
        <CardDescription>
          {accountLabel ? (
            <>
              Trades on <span className="text-foreground font-medium">{accountLabel}</span>
            </>
          ) : (
            "No exchange account selected"
          )}
        </CardDescription>
        <CardAction>
          <Badge
            variant={enabled ? (billingPause ? "warning" : "success") : "muted"}
            data-testid="auto-trade-state"
          >
            {enabled ? (billingPause ? "Paused" : "On") : "Off"}
          </Badge>
        </CardAction>
      </CardHeader>
      <CardContent className="space-y-3">
        {billingPause && (
          <div
            className="border-warning/40 bg-warning/10 space-y-2 rounded-lg border p-3 text-sm"
            data-testid="auto-trade-paused"
          >
            <p className="font-medium">New live trades paused · close decisions still run</p>
            <p className="text-foreground/80">{billingPause.reason}</p>
            <PaperSwitchButton className="w-full sm:w-auto" />
            <p className="text-muted-foreground text-xs">{pauseExplanation(billingPause).paper}</p>
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
