"use client";
// The first-run checklist at the top of a new user's dashboard: account ready → settings reviewed → auto-trading
// on → the first decision, with the real countdown to the next tick. Hidden for good once every step is done
// (the server stores it) or when the user hides it.
import { useState } from "react";
import Link from "next/link";
import { CheckCircle2Icon, CircleIcon, RocketIcon, XIcon } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Progress } from "@/components/ui/progress";
import { apiFetch, ApiError } from "@/lib/api/client";
import { cn } from "@/lib/utils";
import type { ScheduleView } from "./decision-card";
import { formatCountdown, useCountdown } from "./use-countdown";

/** The server's view of the steps (lib/trading/checklist.ts). */
export interface ChecklistView {
  account: { label: string; exchange: string } | null;
  settingsSaved: boolean;
  autoTrade: boolean;
  firstDecisionAt: string | null;
}

function Step({
  done,
  title,
  children,
  testId,
}: {
  done: boolean;
  title: React.ReactNode;
  children?: React.ReactNode;
  testId: string;
}) {
  return (
    <li className="flex items-start gap-3" data-testid={testId} data-done={done}>
      {done ? (
        <CheckCircle2Icon className="text-success mt-0.5 size-5 shrink-0" aria-label="Done" />
      ) : (
        <CircleIcon className="text-muted-foreground mt-0.5 size-5 shrink-0" aria-label="To do" />
      )}
      <div className="min-w-0 text-sm">
        <p className={cn("font-medium", done && "text-muted-foreground")}>{title}</p>
        {children && <div className="text-muted-foreground mt-0.5 text-xs">{children}</div>}
      </div>
    </li>
  );
}

const every = (ms: number) => (ms < 60_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`);

/** The checklist card; `autoTrade` is the switch's live state. */
export function FirstRunChecklist({
  view,
  autoTrade,
  schedule,
}: {
  view: ChecklistView;
  autoTrade: boolean;
  schedule: ScheduleView;
}) {
  const [hidden, setHidden] = useState(false);
  const { leftMs } = useCountdown(schedule.nextTickAt, schedule.tickIntervalMs, schedule.serverNow);
  if (hidden) return null;
  const steps = [Boolean(view.account), view.settingsSaved, autoTrade, Boolean(view.firstDecisionAt)];
  const done = steps.filter(Boolean).length;
  const paper = view.account?.exchange === "paper";

  async function dismiss() {
    setHidden(true);
    try {
      await apiFetch("/api/checklist", { method: "PUT", body: { dismissed: true } });
    } catch (err) {
      setHidden(false);
      toast.error(err instanceof ApiError ? err.message : "Could not reach the server. Try again.");
    }
  }

  return (
    <Card className="gap-4" data-testid="first-run-checklist">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <RocketIcon className="text-primary size-4" aria-hidden="true" /> Get started
        </CardTitle>
        <CardDescription>
          {done} of {steps.length} done · this list goes away once every step is
        </CardDescription>
        <CardAction>
          <Button variant="ghost" size="icon" onClick={() => void dismiss()} aria-label="Hide the checklist">
            <XIcon />
          </Button>
        </CardAction>
      </CardHeader>
      <CardContent className="space-y-4">
        <Progress value={(done / steps.length) * 100} aria-label="Checklist progress" className="h-1.5" />
        <ol className="grid gap-3 sm:grid-cols-2 xl:grid-cols-4">
          <Step
            done={Boolean(view.account)}
            testId="step-account"
            title={
              view.account
                ? paper
                  ? "Your paper account is ready"
                  : `${view.account.label} is selected`
                : "Select an exchange account"
            }
          >
            {view.account ? (
              paper ? (
                "Simulated USDT: try everything without real money."
              ) : (
                "Auto-trading places real orders on it."
              )
            ) : (
              <Link
                href="/dashboard/exchange-keys"
                className="text-primary font-medium underline-offset-4 hover:underline"
              >
                Choose one on the Exchange keys page
              </Link>
            )}
          </Step>
          <Step done={view.settingsSaved} testId="step-risk" title="Set your risk">
            <Link
              href="/dashboard/settings"
              className="text-primary font-medium underline-offset-4 hover:underline"
            >
              {view.settingsSaved ? "Review settings" : "Choose risk level, leverage and limits"}
            </Link>
          </Step>
          <Step done={autoTrade} testId="step-auto-trade" title="Switch auto-trading on">
            {autoTrade ? "On: it acts on the next decision." : "Use the switch in the Auto-trading card."}
          </Step>
          <Step
            done={Boolean(view.firstDecisionAt)}
            testId="step-first-decision"
            title={
              view.firstDecisionAt ? (
                "Your first decision arrived"
              ) : (
                <>
                  First decision in{" "}
                  <span className="tabular-nums" data-testid="checklist-countdown">
                    {formatCountdown(leftMs)}
                  </span>
                </>
              )
            }
          >
            {view.firstDecisionAt
              ? "See it on the chart and in the trade log."
              : autoTrade
                ? `A decision every ${every(schedule.tickIntervalMs)}; holds show in the trade log too.`
                : "If auto-trading is on by then; otherwise at the tick after you switch it on."}
          </Step>
        </ol>
      </CardContent>
    </Card>
  );
}
