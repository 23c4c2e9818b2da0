// GET /dashboard — the trading dashboard: account stats, the live chart with decision markers, the latest
// decision and a countdown, the auto-trade switch and the user's kill switch, the open position with manual
// control, and recent trades.
import type { Metadata } from "next";
import Link from "next/link";
import { OctagonPauseIcon, PauseCircleIcon, PlugIcon } from "lucide-react";
import { pauseFix, type BillingPauseView } from "@/components/billing/billing-pause";
import { BillingPauseNotice } from "@/components/billing/billing-pause-notice";
import { PageHeader } from "@/components/page-header";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { requireUser } from "@/lib/auth/session";
import { planFor } from "@/lib/billing/limits";
import { isBillingNotice } from "@/lib/billing/status";
import { decisionView, decisionsForUser } from "@/lib/decision/queries";
import { env } from "@/lib/env";
import { firstRunChecklist } from "@/lib/trading/checklist";
import { decisionSchedule } from "@/lib/trading/decision-schedule";
import { getPortfolio } from "@/lib/trading/portfolio";
import { getSettings } from "@/lib/trading/settings";
import { getSystemSetting } from "@/lib/system/settings";
import { formatDateTime } from "@/lib/utils";
import { DashboardClient } from "./dashboard-client";

export const metadata: Metadata = { title: "Dashboard" };
export const dynamic = "force-dynamic";

export default async function DashboardPage() {
  const user = await requireUser("/dashboard");
  const settings = await getSettings(user.id);
  const [portfolio, decisions, schedule, access, platformKillSwitch] = await Promise.all([
    getPortfolio(user.id, settings.symbol),
    decisionsForUser(user.id, settings.symbol, 100),
    decisionSchedule(),
    planFor(user),
    getSystemSetting("killSwitch"),
  ]);
  const checklist = await firstRunChecklist(
    settings,
    portfolio.account && { label: portfolio.account.label, exchange: portfolio.account.exchange },
  );
  const live = portfolio.account !== null && portfolio.account.exchange !== "paper";
  const billingPause: BillingPauseView | null =
    live && access.reason
      ? {
          reason: access.reason,
          fix: pauseFix(access.subscriptionStatus),
          accountLabel: portfolio.account!.label,
          autoTrade: settings.autoTrade,
          position: portfolio.position,
        }
      : null;
  // A billing notice on the settings row is shown by the billing notice (or is stale after a switch to paper).
  const pausedReason = isBillingNotice(settings.pausedReason) ? null : settings.pausedReason;
  const notices = (
    <>
      {!portfolio.account && (
        <Alert data-testid="no-account-notice">
          <PlugIcon aria-hidden="true" />
          <AlertTitle>Select an exchange account to start trading</AlertTitle>
          <AlertDescription>
            <p>
              Use the free paper account to try Tickpilot with simulated money, or connect your own exchange.
            </p>
            <Button asChild size="sm" className="mt-2">
              <Link href="/dashboard/exchange-keys">Go to Exchange keys</Link>
            </Button>
          </AlertDescription>
        </Alert>
      )}
      {pausedReason && !settings.autoTrade && !settings.killSwitch && (
        <Alert variant="warning" data-testid="paused-notice">
          <PauseCircleIcon aria-hidden="true" />
          <AlertTitle>Auto-trading was switched off</AlertTitle>
          <AlertDescription>
            <p>
              {pausedReason.replace(/\.\s*$/, "")}
              {settings.pausedAt && ` (${formatDateTime(settings.pausedAt)} UTC)`}. Switch it on again below
              once you have reviewed your settings.
            </p>
          </AlertDescription>
        </Alert>
      )}
      {settings.killSwitch && (
        <Alert variant="destructive" data-testid="kill-switch-notice">
          <OctagonPauseIcon aria-hidden="true" />
          <AlertTitle>Your kill switch is on</AlertTitle>
          <AlertDescription>
            <p>
              You stopped auto-trading{settings.pausedAt && ` at ${formatDateTime(settings.pausedAt)} UTC`}:
              no new orders are placed for you. Switch auto-trading on again below to turn the kill switch
              off.
            </p>
          </AlertDescription>
        </Alert>
      )}
      {billingPause && <BillingPauseNotice view={billingPause} />}
    </>
  );
  return (
    <>
      <PageHeader
        title="Dashboard"
        description="Your account, the latest decision and every trade it led to, live."
      />
      <DashboardClient
        symbols={env.MARKET_SYMBOLS}
        portfolio={portfolio}
        decisions={decisions.map(decisionView)}
        schedule={schedule}
        autoTrade={settings.autoTrade}
        killSwitch={settings.killSwitch}
        pausedReason={pausedReason}
        platformKillSwitch={platformKillSwitch}
        checklist={checklist}
        billingPause={billingPause}
        notices={notices}
      />
    </>
  );
}
