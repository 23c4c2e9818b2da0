// GET /admin/users/[id] — one user: actions (suspend, reactivate, auto-trade off), accounts (masked), settings, orders.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArrowLeftIcon } from "lucide-react";

import { UserAccounts } from "@/components/admin/user-accounts";
import { UserActions } from "@/components/admin/user-actions";
import { AutoTradeBadge, UserStatusBadge } from "@/components/admin/user-badges";
import { UserOrders, UserSettingsTable } from "@/components/admin/user-activity";
import { PageHeader } from "@/components/page-header";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { AppError } from "@/lib/api/errors";
import { getUserDetail } from "@/lib/admin/users";
import { requireAdminPage } from "@/lib/auth/session";
import { cn, formatDateTime, formatUsd } from "@/lib/utils";

export const metadata: Metadata = { title: "Admin · User" };

async function load(raw: string) {
  if (!/^\d{1,15}$/.test(raw)) notFound();
  try {
    return await getUserDetail(Number(raw));
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  }
}

export default async function AdminUserPage({ params }: { params: Promise<{ id: string }> }) {
  const admin = await requireAdminPage();
  const { user, accounts, settings, recentOrders } = await load((await params).id);
  const facts: [string, React.ReactNode][] = [
    ["Status", <UserStatusBadge key="s" status={user.status} />],
    [
      "Plan",
      <span key="p" className="capitalize">
        {user.plan}
      </span>,
    ],
    ["Auto-trade", <AutoTradeBadge key="a" on={user.autoTrade} />],
    ["Role", user.role],
    ["Joined", formatDateTime(user.createdAt)],
    ["Last login", formatDateTime(user.lastLoginAt)],
    ["Last order", formatDateTime(user.lastOrderAt)],
    [
      "Realised PnL",
      <span
        key="pnl"
        className={cn(
          "tabular-nums",
          user.realizedPnl > 0 && "text-profit",
          user.realizedPnl < 0 && "text-loss",
        )}
      >
        {formatUsd(user.realizedPnl, { signed: true })}
      </span>,
    ],
  ];
  return (
    <>
      <Button variant="ghost" size="sm" asChild className="mb-2 -ml-2">
        <Link href="/admin/users">
          <ArrowLeftIcon aria-hidden="true" /> All users
        </Link>
      </Button>
      <PageHeader
        className="[&_h1]:break-all"
        title={user.email}
        description={`User #${user.id}${user.name ? ` · ${user.name}` : ""}`}
        actions={
          <UserActions
            user={{ id: user.id, email: user.email, status: user.status, autoTrade: user.autoTrade }}
            isSelf={user.id === admin.id}
          />
        }
      />
      <div className="space-y-6">
        <Card className="grid grid-cols-2 gap-x-6 gap-y-4 px-5 py-5 sm:grid-cols-4">
          {facts.map(([label, value]) => (
            <div key={label} className="min-w-0 space-y-1">
              <p className="text-muted-foreground text-xs font-medium tracking-wide uppercase">{label}</p>
              <div className="truncate text-sm">{value}</div>
            </div>
          ))}
        </Card>
        <UserAccounts accounts={accounts} />
        <UserSettingsTable settings={settings} />
        <UserOrders orders={recentOrders} />
      </div>
    </>
  );
}
