"use client";
// The mail log: when, to whom, what, and how it went; an outbox message opens to show its text (links included).
import { Fragment, useState } from "react";
import { ChevronDownIcon, ChevronRightIcon } from "lucide-react";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatDateTime } from "@/lib/utils";

/** One message as the table shows it. */
export interface OutboxItem {
  id: number;
  to: string;
  template: string;
  subject: string;
  text: string | null;
  status: "outbox" | "sent" | "failed";
  error: string | null;
  createdAt: string;
}

const STATUS = {
  outbox: { label: "In outbox", variant: "warning" },
  sent: { label: "Sent", variant: "success" },
  failed: { label: "Failed", variant: "danger" },
} as const;

/** The table; rows with a body can be expanded. */
export function OutboxTable({ rows }: { rows: OutboxItem[] }) {
  const [open, setOpen] = useState<number | null>(null);
  return (
    <Card className="py-0">
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead className="w-8 pl-4" />
            <TableHead>When (UTC)</TableHead>
            <TableHead>To</TableHead>
            <TableHead>Subject</TableHead>
            <TableHead className="pr-4">Status</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((r) => (
            <Fragment key={r.id}>
              <TableRow data-testid="outbox-row">
                <TableCell className="pl-4">
                  {r.text && (
                    <Button
                      variant="ghost"
                      size="icon-sm"
                      aria-expanded={open === r.id}
                      aria-label={open === r.id ? "Hide message" : "Show message"}
                      onClick={() => setOpen(open === r.id ? null : r.id)}
                    >
                      {open === r.id ? <ChevronDownIcon /> : <ChevronRightIcon />}
                    </Button>
                  )}
                </TableCell>
                <TableCell className="tabular-nums">
                  {formatDateTime(r.createdAt, { seconds: true })}
                </TableCell>
                <TableCell className="max-w-56 truncate">{r.to}</TableCell>
                <TableCell className="max-w-80 truncate">{r.subject}</TableCell>
                <TableCell className="pr-4">
                  <Badge variant={STATUS[r.status].variant} title={r.error ?? undefined}>
                    {STATUS[r.status].label}
                  </Badge>
                </TableCell>
              </TableRow>
              {open === r.id && r.text && (
                <TableRow className="hover:bg-transparent">
                  <TableCell colSpan={5} className="px-4 pb-4">
                    <pre className="bg-muted/50 max-h-80 overflow-auto rounded-md border p-4 font-mono text-xs whitespace-pre-wrap">
                      {r.text}
                    </pre>
                  </TableCell>
                </TableRow>
              )}
            </Fragment>
          ))}
        </TableBody>
      </Table>
    </Card>
  );
}
