"use client";
// One order of the trade log: time, status, side (with what kind of order), quantity (filled of ordered), price,
// leverage, SL / TP, fee and the note. The dashboard's compact card drops leverage and SL / TP and puts the note
// under the side.
import { Badge } from "@/components/ui/badge";
import { TableCell, TableRow } from "@/components/ui/table";
import { cn, formatDateTime, formatNumber, formatUsd } from "@/lib/utils";
import { ORDER_STATUS_VARIANT, orderStatusLabel, type OrderStatus } from "@/components/trading/order-status";

/** An order row of GET /api/logs. */
export interface TradeLogItem {
  type?: "order";
  key?: string;
  id: number;
  kind: string;
  side: "buy" | "sell" | null;
  qty: number | null;
  /** How much of `qty` the exchange filled (null before it said). */
  filledQty: number | null;
  price: number | null;
  leverage: number | null;
  stopLoss: number | null;
  takeProfit: number | null;
  status: OrderStatus;
  reason: string | null;
  fee: number;
  realizedPnl: number;
  createdAt: string;
}

// What kind of order it was, after the side (an opening order needs no note).
const KIND_NOTE: Record<string, string> = {
  close: " (close)",
  flip: " (flip)",
  stop_loss: " (stop loss)",
  take_profit: " (take profit)",
  liquidation: " (liquidation)",
  manual: " (closed by you)",
};

const qty4 = (n: number | null) => formatNumber(n, { decimals: 4 });

/** "0.0100" — or "0.0050 of 0.0100" when the exchange filled part of the order. */
export function qtyText(o: Pick<TradeLogItem, "qty" | "filledQty">): string {
  const partial = o.qty !== null && o.filledQty !== null && o.filledQty > 0 && o.filledQty < o.qty - 1e-12;
  return partial ? `${qty4(o.filledQty)} of ${qty4(o.qty)}` : qty4(o.qty);
}

// Compact rows: the time of day (with the date when it was not today), UTC.
export function shortTime(iso: string): string {
  const today = new Date().toISOString().slice(0, 10);
  return iso.slice(0, 10) === today ? iso.slice(11, 19) : formatDateTime(iso);
}

/** The order's table row. */
export function OrderRow({ o, compact }: { o: TradeLogItem; compact: boolean }) {
  return (
    <TableRow data-testid="trade-row">
      <TableCell
        className="whitespace-nowrap tabular-nums"
        title={compact ? `${formatDateTime(o.createdAt, { seconds: true })} UTC` : undefined}
      >
        {compact ? shortTime(o.createdAt) : formatDateTime(o.createdAt, { seconds: true })}
      </TableCell>
      <TableCell>
        <Badge variant={ORDER_STATUS_VARIANT[o.status]}>{orderStatusLabel(o.status)}</Badge>
      </TableCell>
      <TableCell className={cn(compact && "min-w-44 whitespace-normal")}>
        <span
          className={cn(
            "font-medium whitespace-nowrap uppercase",
            o.side === "buy" && "text-profit",
            o.side === "sell" && "text-loss",
          )}
        >
          {o.side ? `${o.side}${KIND_NOTE[o.kind] ?? ""}` : "—"}
        </span>
        {compact && o.reason && (
          <span className="text-muted-foreground block max-w-72 text-xs">{o.reason}</span>
        )}
      </TableCell>
      <TableCell
        className="text-right whitespace-nowrap tabular-nums"
        title={o.filledQty !== null ? `Filled ${qty4(o.filledQty)}` : undefined}
      >
        {qtyText(o)}
      </TableCell>
      <TableCell className="text-right tabular-nums">
        {formatNumber(o.price, { decimals: 2, fixed: true })}
      </TableCell>
      {!compact && (
        <TableCell className="text-right tabular-nums">{o.leverage ? `${o.leverage}x` : "—"}</TableCell>
      )}
      {!compact && (
        <TableCell className="hidden whitespace-nowrap tabular-nums md:table-cell">
          {o.stopLoss
            ? `${formatNumber(o.stopLoss, { decimals: 0 })} / ${formatNumber(o.takeProfit, { decimals: 0 })}`
            : "—"}
        </TableCell>
      )}
      <TableCell className="text-right tabular-nums">
        {o.fee ? formatUsd(o.fee, { decimals: 2 }) : "—"}
      </TableCell>
      {!compact && <TableCell className="text-muted-foreground max-w-80 text-xs">{o.reason ?? ""}</TableCell>}
    </TableRow>
  );
}
