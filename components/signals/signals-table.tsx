// The recent signals with their outcome: accepted → the order's status (queued until the execute job ran),
// rejected → the reason.
import { RadioTowerIcon } from "lucide-react";

import { EmptyState } from "@/components/empty-state";
import { ORDER_STATUS_VARIANT, orderStatusLabel } from "@/components/trading/order-status";
import { Badge } from "@/components/ui/badge";
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
    return `${formatNumber(s.orderQty, { decimals: 4 })} ${s.symbol ?? ""} at ${formatNumber(s.orderPrice, { decimals: 2 })} USDT`;
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
  // A list rather than a table: the note (an order's outcome or a refusal's reason) is the point of each row and
  // needs the full width, on a phone as much as on a desktop.
  return (
    <ul className="divide-y" aria-label="Recent signals">
      {signals.map((s) => (
        <li key={s.id} className="grid gap-1 py-3 first:pt-0 last:pb-0" data-testid="signal-row">
          <div className="flex items-start justify-between gap-3">
            <div className="min-w-0">
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
                <code className="text-muted-foreground ml-2 font-mono text-xs break-all">{s.alertId}</code>
              )}
            </div>
            <Outcome s={s} />
          </div>
          <p className={cn("text-sm", s.status === "rejected" ? "text-danger" : "text-muted-foreground")}>
            {note(s)}
          </p>
          <p className="text-muted-foreground text-xs">
            <span className="tabular-nums">{formatDateTime(s.createdAt, { seconds: true })} UTC</span> ·{" "}
            {s.source} · {s.format === "text" ? "text" : "JSON"}
          </p>
        </li>
      ))}
    </ul>
  );
}
