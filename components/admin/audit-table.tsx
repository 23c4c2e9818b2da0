// Audit entries: when, who, what, target, details and IP.
import Link from "next/link";
import { ScrollTextIcon } from "lucide-react";

import { EmptyState } from "@/components/empty-state";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { AuditRow } from "@/lib/admin/audit-log";
import { formatDateTime } from "@/lib/utils";

function details(meta: Record<string, unknown> | null): string {
  if (!meta) return "";
  return Object.entries(meta)
    .filter(([, v]) => v !== null && v !== undefined && v !== "")
    .map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join(" · ");
}

function UserLink({ id, email }: { id: number | null; email: string | null }) {
  if (!id) return <span className="text-muted-foreground">system</span>;
  return (
    <Link href={`/admin/users/${id}`} className="hover:underline">
      {email ?? `#${id}`}
    </Link>
  );
}

/** The audit table; actor and target link to the user page. */
export function AuditTable({ rows }: { rows: AuditRow[] }) {
  if (rows.length === 0) {
    return (
      <EmptyState icon={ScrollTextIcon} title="No entries" description="Nothing matches these filters yet." />
    );
  }
  return (
    <Card className="py-0">
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead className="pl-4">When (UTC)</TableHead>
            <TableHead>Who</TableHead>
            <TableHead>Action</TableHead>
            <TableHead>Target</TableHead>
            <TableHead>Details</TableHead>
            <TableHead className="pr-4">IP</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((r) => (
            <TableRow key={r.id}>
              <TableCell className="pl-4 tabular-nums">
                {formatDateTime(r.createdAt, { seconds: true })}
              </TableCell>
              <TableCell className="max-w-56 truncate">
                <UserLink id={r.actorId} email={r.actorEmail} />
              </TableCell>
              <TableCell>
                <Badge
                  variant={r.action.includes("suspend") || r.action.endsWith(".on") ? "danger" : "outline"}
                  className="font-mono"
                >
                  {r.action}
                </Badge>
              </TableCell>
              <TableCell className="max-w-56 truncate">
                {r.targetUserId ? (
                  <UserLink id={r.targetUserId} email={r.targetEmail} />
                ) : (
                  <span className="text-muted-foreground font-mono text-xs">{r.targetId ?? "—"}</span>
                )}
              </TableCell>
              <TableCell
                className="text-muted-foreground max-w-md truncate text-xs"
                title={details(r.metadata)}
              >
                {details(r.metadata) || "—"}
              </TableCell>
              <TableCell className="text-muted-foreground pr-4 font-mono text-xs">{r.ip ?? "—"}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Card>
  );
}
