// GET /dashboard — the signed-in overview (placeholder until the chart, positions and PnL land).
import type { Metadata } from "next";
import Link from "next/link";
import { ActivityIcon, BotIcon, PlugIcon, TrendingUpIcon, WalletIcon, type LucideIcon } from "lucide-react";

import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader } from "@/components/ui/card";

export const metadata: Metadata = { title: "Dashboard" };

const STATS: { label: string; icon: LucideIcon; hint: string }[] = [
  { label: "Equity", icon: WalletIcon, hint: "No account connected" },
  { label: "Realised PnL", icon: TrendingUpIcon, hint: "No closed trades yet" },
  { label: "Open position", icon: ActivityIcon, hint: "Flat" },
  { label: "Auto-trading", icon: BotIcon, hint: "Off" },
];

export default function DashboardPage() {
  return (
    <>
      <PageHeader
        title="Dashboard"
        description="Your account, positions and the latest decisions at a glance."
      />
      <div className="grid grid-cols-2 gap-3 sm:gap-4 xl:grid-cols-4">
        {STATS.map((stat) => (
          <Card key={stat.label} className="gap-2 py-4 sm:gap-3 sm:py-5">
            <CardHeader className="flex flex-row items-center justify-between gap-2 px-4 sm:px-5">
              <span className="text-muted-foreground text-sm font-medium">{stat.label}</span>
              <stat.icon className="text-muted-foreground size-4" aria-hidden="true" />
            </CardHeader>
            <CardContent className="px-4 sm:px-5">
              <div className="text-2xl font-semibold tracking-tight tabular-nums">—</div>
              <p className="text-muted-foreground mt-1 text-xs">{stat.hint}</p>
            </CardContent>
          </Card>
        ))}
      </div>
      <EmptyState
        className="mt-6"
        icon={PlugIcon}
        title="Connect an exchange account to get started"
        description="Add the built-in paper exchange or a trade-only API key, set your risk limits, then switch auto-trading on. A decision arrives every 5 minutes."
        action={
          <>
            <Button asChild>
              <Link href="/dashboard/exchange-keys">Connect an exchange</Link>
            </Button>
            <Button asChild variant="outline">
              <Link href="/dashboard/settings">Set risk limits</Link>
            </Button>
          </>
        }
      />
    </>
  );
}
