// GET /dashboard — the signed-in overview: stat cards and the live market chart.
import type { Metadata } from "next";
import { ActivityIcon, BotIcon, TrendingUpIcon, WalletIcon, type LucideIcon } from "lucide-react";

import { MarketChartCard } from "@/components/market/market-chart-card";
import { PageHeader } from "@/components/page-header";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { env } from "@/lib/env";

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
      <div className="mt-6">
        <MarketChartCard symbols={env.MARKET_SYMBOLS} />
      </div>
    </>
  );
}
