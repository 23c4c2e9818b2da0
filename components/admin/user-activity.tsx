// A user's trading settings per symbol and their latest orders, on the admin user page.
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { AdminUserDetail } from "@/lib/admin/users";
import { cn, formatDateTime, formatNumber, formatUsd } from "@/lib/utils";
import { SectionCard } from "./section-card";
import { ORDER_STATUS_VARIANT, orderStatusLabel } from "@/components/trading/order-status";

/** Auto-trade, kill switch, risk and leverage per symbol. */
export function UserSettingsTable({ settings }: { settings: AdminUserDetail["settings"] }) {
  return (
    <SectionCard title="Trading settings">
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>Symbol</TableHead>
            <TableHead>Auto-trade</TableHead>
            <TableHead>Own kill switch</TableHead>
            <TableHead>Risk</TableHead>
            <TableHead className="text-right">Max leverage</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {settings.map((s) => (
            <TableRow key={s.symbol}>
              <TableCell className="font-medium">{s.symbol}</TableCell>
              <TableCell>
                {s.autoTrade ? <Badge variant="success">On</Badge> : <Badge variant="muted">Off</Badge>}
                {s.pausedReason && <p className="text-muted-foreground mt-1 text-xs">{s.pausedReason}</p>}
              </TableCell>
              <TableCell>{s.killSwitch ? <Badge variant="danger">On</Badge> : "Off"}</TableCell>
              <TableCell className="capitalize">{s.riskLevel}</TableCell>
              <TableCell className="text-right tabular-nums">{s.maxLeverage}×</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </SectionCard>
  );
}

/** The ten newest orders of the user. */
export function UserOrders({ orders }: { orders: AdminUserDetail["recentOrders"] }) {
  return (
    <SectionCard title="Recent orders" description="The latest ten outcomes of this user's order jobs.">
      {orders.length === 0 ? (
        <p className="text-muted-foreground text-sm">No orders yet.</p>
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Time</TableHead>
              <TableHead>Order</TableHead>
              <TableHead>Status</TableHead>
              <TableHead className="text-right">Qty @ price</TableHead>
              <TableHead className="text-right">PnL</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {orders.map((o) => (
              <TableRow key={o.id}>
                <TableCell className="text-muted-foreground">{formatDateTime(o.createdAt)}</TableCell>
                <TableCell>
                  <span className="font-medium">{o.symbol}</span>{" "}
                  <span className="text-muted-foreground text-xs uppercase">
                    {o.kind} {o.side ?? ""}
                  </span>
                  {o.reason && <p className="text-muted-foreground max-w-72 truncate text-xs">{o.reason}</p>}
                </TableCell>
                <TableCell>
                  <Badge variant={ORDER_STATUS_VARIANT[o.status]}>{orderStatusLabel(o.status)}</Badge>
                </TableCell>
                <TableCell className="text-right tabular-nums">
                  {o.qty ? `${formatNumber(o.qty, { decimals: 4 })} @ ${formatUsd(o.price)}` : "—"}
                </TableCell>
                <TableCell
                  className={cn(
                    "text-right tabular-nums",
                    o.realizedPnl > 0 && "text-profit",
                    o.realizedPnl < 0 && "text-loss",
                  )}
                >
                  {formatUsd(o.realizedPnl, { signed: true })}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </SectionCard>
  );
}
