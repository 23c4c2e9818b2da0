// The admin user table; each row links to the user's page.
import Link from "next/link";
import { UsersIcon } from "lucide-react";

import { EmptyState } from "@/components/empty-state";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { AdminUserRow } from "@/lib/admin/users";
import { cn, formatDateTime, formatUsd } from "@/lib/utils";
import { AccountTypeBadge, AutoTradeBadge, UserStatusBadge } from "./user-badges";

/** Users with plan, status, auto-trade, account type, last order and realised PnL. */
export function UsersTable({ rows, query }: { rows: AdminUserRow[]; query?: string }) {
  if (rows.length === 0) {
    return (
      <EmptyState
        icon={UsersIcon}
        title={query ? "No user matches" : "No users yet"}
        description={query ? `Nobody's email contains “${query}”.` : "People who sign up appear here."}
      />
    );
  }
  return (
    <Card className="py-0">
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead className="pl-4">User</TableHead>
            <TableHead>Status</TableHead>
            <TableHead>Plan</TableHead>
            <TableHead>Auto-trade</TableHead>
            <TableHead>Account</TableHead>
            <TableHead>Last order</TableHead>
            <TableHead className="pr-4 text-right">Realised PnL</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((u) => (
            <TableRow key={u.id} className="relative">
              <TableCell className="pl-4">
                <Link
                  href={`/admin/users/${u.id}`}
                  className="font-medium after:absolute after:inset-0 hover:underline"
                >
                  {u.email}
                </Link>
                <p className="text-muted-foreground text-xs">
                  #{u.id} · joined {formatDateTime(u.createdAt)}
                  {u.role === "admin" && (
                    <Badge variant="outline" className="ml-2 py-0">
                      admin
                    </Badge>
                  )}
                </p>
              </TableCell>
              <TableCell>
                <UserStatusBadge status={u.status} />
              </TableCell>
              <TableCell className="capitalize">{u.plan}</TableCell>
              <TableCell>
                <AutoTradeBadge on={u.autoTrade} />
              </TableCell>
              <TableCell>
                <AccountTypeBadge type={u.accountType} />
              </TableCell>
              <TableCell className="text-muted-foreground">
                {u.lastOrderAt ? formatDateTime(u.lastOrderAt) : "—"}
              </TableCell>
              <TableCell
                className={cn(
                  "pr-4 text-right tabular-nums",
                  u.realizedPnl > 0 && "text-profit",
                  u.realizedPnl < 0 && "text-loss",
                )}
              >
                {formatUsd(u.realizedPnl, { signed: true })}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Card>
  );
}
