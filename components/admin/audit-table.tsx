// Audit entries: when, who, what, target, details and IP. Emails are shown whole (wrapped), the target only when it
// is not the actor, and details wrap instead of being cut off.
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
    <Link href={`/admin/users/${id}`} className="break-words hover:underline" title={email ?? undefined}>
      {email ? <EmailText email={email} /> : `#${id}`}
    </Link>
  );
}

/** An email that may wrap after its "@" (never in the middle of a name). */
function EmailText({ email }: { email: string }) {
  const at = email.indexOf("@");
  if (at < 0) return <>{email}</>;
  return (
    <>
      {email.slice(0, at)}
      <wbr />
      {email.slice(at)}
    </>
  );
}

/** The target: a user other than the actor, the actor themself ("own account"), or a thing's id. */
function Target({ row }: { row: AuditRow }) {
  if (row.targetUserId && row.targetUserId === row.actorId) {
    return <span className="text-muted-foreground text-xs">own account</span>;
  }
  if (row.targetUserId) return <UserLink id={row.targetUserId} email={row.targetEmail} />;
  return <span className="text-muted-foreground font-mono text-xs">{row.targetId ?? "—"}</span>;
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
              <TableCell className="max-w-64 whitespace-normal">
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
              <TableCell className="max-w-64 whitespace-normal">
                <Target row={r} />
              </TableCell>
              {/* Wrapped, never cut off: the details are what the row is about. */}
              <TableCell className="text-muted-foreground min-w-56 text-xs break-words whitespace-normal">
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
