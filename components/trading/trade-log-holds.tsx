"use client";
// Holds in the trade log, kept compact: a run of consecutive holds is one row ("3 holds · 12:00–12:10") with the
// newest reason, and opens to show each one.
import { useState } from "react";
import { ChevronDownIcon, ChevronRightIcon } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { TableCell, TableRow } from "@/components/ui/table";
import { cn } from "@/lib/utils";

/** A decision that placed nothing for the user (GET /api/logs, type "hold"). */
export interface HoldItem {
  type: "hold";
  key: string;
  id: number;
  status: "hold" | "not_sent";
  action: string;
  confidence: number;
  price: number | null;
  reason: string;
  createdAt: string;
}

const pct = (n: number) => `${Math.round(n * 100)} %`;

function HoldLine({
  hold,
  time,
  span,
  run,
  nested = false,
}: {
  hold: HoldItem;
  time: string;
  span: number;
  run?: { count: number; open: boolean; toggle: () => void };
  /** One hold of an opened run (indented under it). */
  nested?: boolean;
}) {
  const label = hold.status === "hold" ? "hold" : "not sent";
  return (
    <TableRow data-testid="hold-row" className={cn("text-muted-foreground", nested && "bg-muted/30")}>
      <TableCell className={cn("whitespace-nowrap tabular-nums", nested && "pl-6")}>{time}</TableCell>
      <TableCell>
        <Badge variant={hold.status === "hold" ? "muted" : "warning"}>
          {run && run.count > 1 ? `${run.count} ${label}s` : label}
        </Badge>
      </TableCell>
      <TableCell colSpan={span} className="text-xs whitespace-normal">
        <span className="flex items-start gap-2">
          {run && run.count > 1 && (
            <button
              type="button"
              onClick={run.toggle}
              aria-expanded={run.open}
              aria-label={run.open ? `Hide the ${run.count} ${label}s` : `Show the ${run.count} ${label}s`}
              className="hover:text-foreground -m-0.5 shrink-0 rounded p-0.5"
            >
              {run.open ? <ChevronDownIcon className="size-4" /> : <ChevronRightIcon className="size-4" />}
            </button>
          )}
          <span className="line-clamp-2" title={hold.reason}>
            {hold.status === "hold" && hold.confidence > 0 && `${pct(hold.confidence)} confidence · `}
            {hold.reason}
          </span>
        </span>
      </TableCell>
    </TableRow>
  );
}

/** Rows for one run of consecutive holds (newest first); `time` formats a row's time. */
export function HoldRun({
  holds,
  span,
  time,
}: {
  holds: HoldItem[];
  span: number;
  time: (iso: string) => string;
}) {
  const [open, setOpen] = useState(false);
  const newest = holds[0]!;
  const oldest = holds.at(-1)!;
  if (holds.length === 1) return <HoldLine hold={newest} time={time(newest.createdAt)} span={span} />;
  // "05:10:40–05:11:00": the newer end as a time of day (a run of holds is minutes apart).
  const range = `${time(oldest.createdAt)}–${newest.createdAt.slice(11, 19)}`;
  return (
    <>
      <HoldLine
        hold={newest}
        time={range}
        span={span}
        run={{ count: holds.length, open, toggle: () => setOpen((v) => !v) }}
      />
      {open &&
        holds.map((h) => <HoldLine key={h.key} hold={h} time={time(h.createdAt)} span={span} nested />)}
    </>
  );
}
