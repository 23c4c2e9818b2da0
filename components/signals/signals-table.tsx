// The recent signals with their outcome: accepted → the order's status (queued until the execute job ran),
// rejected → the reason.
import { RadioTowerIcon } from "lucide-react";

import { EmptyState } from "@/components/empty-state";
import { ORDER_STATUS_VARIANT, orderStatusLabel } from "@/components/trading/order-status";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cn, formatDateTime, formatNumber } from "@/lib/utils";
import type { SignalItem } from "./types";

function Outcome({ s }: { s: SignalItem }) {
  if (s.status === "rejected") return <Badge variant="danger">Rejected</Badge>;
  if (!s.orderStatus) return <Badge variant="muted">Queued</Badge>;
  return <Badge variant={ORDER_STATUS_VARIANT[s.orderStatus]}>{orderStatusLabel(s.orderStatus)}</Badge>;
}

function note(s: SignalItem): string {
  if (s.status === "rejected") return s.reason ?? "Rejected.";
  if (!s.orderStatus) return "Accepted: the order is being placed.";
  if (s.orderReason) return s.orderReason;
  if (s.orderQty !== null && s.orderPrice !== null)
    return `${formatNumber(s.orderQty, { decimals: 4 })} at ${formatNumber(s.orderPrice, { decimals: 2 })}`;
  return "Accepted.";
}

/** The table, or an empty state that says how to send the first signal. */
export function SignalsTable({ signals }: { signals: SignalItem[] }) {
  if (signals.length === 0)
    return (
      <EmptyState
        icon={RadioTowerIcon}
        title="No signals yet"
        description="Alerts sent to your sources appear here with what became of them: the order, or why they were refused."
        className="py-10"
      />
    );
  return (
    <div className="overflow-x-auto">
      <Table aria-label="Recent signals">
        <TableHeader>
          <TableRow>
            <TableHead>Time (UTC)</TableHead>
            <TableHead>Signal</TableHead>
            <TableHead>Outcome</TableHead>
            <TableHead className="hidden md:table-cell">Source</TableHead>
            <TableHead className="min-w-56">Note</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {signals.map((s) => (
            <TableRow key={s.id} data-testid="signal-row">
              <TableCell className="whitespace-nowrap tabular-nums">
                {formatDateTime(s.createdAt, { seconds: true })}
              </TableCell>
              <TableCell className="whitespace-nowrap">
                <span
                  className={cn(
                    "font-medium uppercase",
                    s.action === "buy" && "text-profit",
                    s.action === "sell" && "text-loss",
                  )}
                >
                  {s.action ?? "—"}
                </span>{" "}
                <span className="text-muted-foreground">{s.symbol ?? ""}</span>
                {s.alertId && (
                  <div
                    className="text-muted-foreground max-w-40 truncate font-mono text-xs"
                    title={s.alertId}
                  >
                    {s.alertId}
                  </div>
                )}
              </TableCell>
              <TableCell>
                <Outcome s={s} />
              </TableCell>
              <TableCell className="text-muted-foreground hidden max-w-40 truncate md:table-cell">
                {s.source}
              </TableCell>
              <TableCell className="text-muted-foreground min-w-56 text-xs whitespace-normal">
                {note(s)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
