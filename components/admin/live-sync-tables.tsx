// Live accounts on the status page: reconcile lag and the shared rate limiter (with the exchanges' rate-limit
// answers, which should stay at 0), and the accounts whose synced state is out of step with the ledger.
import Link from "next/link";
import { CircleCheckIcon } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { LiveSyncStats, OutOfSyncAccount } from "@/lib/admin/live-sync";
import { cn, formatDateTime } from "@/lib/utils";
import { formatAgo, formatCompact, formatDuration } from "./format";
import { SectionCard } from "./section-card";

/** A pass this late (p99) means accounts with something open go unsynced for a whole period. */
const LAG_WARN_MS = 30_000;
const seconds = (ms: number | null) => (ms === null ? "—" : `${(ms / 1000).toFixed(1)} s`);

function Figure(props: { label: string; value: string; note: React.ReactNode; tone?: "warn" | "bad" }) {
  return (
    <div className="min-w-0 rounded-lg border p-3">
      <dt className="text-muted-foreground text-xs">{props.label}</dt>
      <dd
        className={cn(
          "text-xl font-semibold tabular-nums",
          props.tone === "warn" && "text-warning",
          props.tone === "bad" && "text-destructive",
        )}
      >
        {props.value}
      </dd>
      <dd className="text-muted-foreground text-xs">{props.note}</dd>
    </div>
  );
}

/** Reconcile lag p50/p99, divergent accounts, rate-limit waits and the exchanges' rate-limit answers. */
export function ReconcileCard({ reconcile, rateLimits }: LiveSyncStats) {
  const late = (reconcile.lagP99Ms ?? 0) > LAG_WARN_MS;
  return (
    <SectionCard
      title="Live accounts: reconcile and rate limits"
      description="How late reconcile passes run after they are due (newest 500), and how often the shared rate limiter made calls wait. Rate-limit counts are since Redis last started."
    >
      <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4" data-testid="reconcile-figures">
        <Figure
          label="Reconcile lag p50 / p99"
          value={`${seconds(reconcile.lagP50Ms)} / ${seconds(reconcile.lagP99Ms)}`}
          tone={late ? "warn" : undefined}
          note={
            reconcile.passes === 0
              ? "No pass sampled yet"
              : `${formatCompact(reconcile.passes)} passes sampled${late ? " · p99 over 30 s" : ""}`
          }
        />
        <Figure
          label="Divergent accounts"
          value={String(reconcile.divergent)}
          tone={reconcile.divergent > 0 ? "warn" : undefined}
          note={reconcile.divergent > 0 ? "Listed below" : "Every live account agrees"}
        />
        <Figure
          label="Rate-limit waits"
          value={formatCompact(rateLimits.waits)}
          note={`${formatDuration(rateLimits.waitedMs)} waited in all`}
        />
        <Figure
          label="Exchange rate-limit answers"
          value={formatCompact(rateLimits.rejections)}
          tone={rateLimits.rejections > 0 ? "bad" : undefined}
          note={rateLimits.rejections > 0 ? "Retried with back-off; goal 0" : "Goal 0"}
        />
      </dl>
    </SectionCard>
  );
}

/** The accounts whose exchange state differs from the ledger, or could not be read, longest first. */
export function OutOfSyncTable({
  rows,
  total,
  now,
}: {
  rows: OutOfSyncAccount[];
  total: number;
  now: number;
}) {
  return (
    <SectionCard
      title="Live accounts out of sync"
      description="The exchange's state differs from Tickpilot's ledger, or the last sync could not read it. Each pass checks again."
      aside={
        total > rows.length ? (
          <span className="text-muted-foreground text-xs whitespace-nowrap">
            {rows.length} of {total}
          </span>
        ) : undefined
      }
    >
      {rows.length === 0 ? (
        <p className="text-muted-foreground flex items-center gap-2 text-sm" data-testid="no-out-of-sync">
          <CircleCheckIcon className="text-success size-4" aria-hidden="true" /> Every live account agrees
          with the ledger.
        </p>
      ) : (
        <>
          <OutOfSyncList rows={rows} now={now} />
          <div className="hidden sm:block">
            <OutOfSyncRows rows={rows} now={now} />
          </div>
        </>
      )}
    </SectionCard>
  );
}

// Phones: one block per account, the difference in full (a six-column table would hide it off-screen).
function OutOfSyncList({ rows, now }: { rows: OutOfSyncAccount[]; now: number }) {
  return (
    <ul aria-label="Live accounts out of sync" className="divide-y sm:hidden">
      {rows.map((r) => (
        <li key={r.accountId} className="space-y-1 py-3 text-sm first:pt-0" data-testid="out-of-sync-item">
          <Link
            href={`/admin/users/${r.userId}`}
            className="block truncate font-medium underline-offset-4 hover:underline"
          >
            {r.email}
          </Link>
          <p className="text-muted-foreground text-xs">
            {r.label} · {r.exchange}
            {r.testnet ? " · testnet" : ""} · since {formatAgo(r.divergedAt ?? r.lastErrorAt, now)} · synced{" "}
            {formatAgo(r.syncedAt, now)}
          </p>
          {r.divergence && <p className="break-words">{r.divergence}</p>}
          {r.lastError && (
            <p className="text-destructive break-words">
              {r.lastError}{" "}
              <span className="text-muted-foreground text-xs">({formatAgo(r.lastErrorAt, now)})</span>
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}

// Wider screens: the table.
function OutOfSyncRows({ rows, now }: { rows: OutOfSyncAccount[]; now: number }) {
  return (
    <Table aria-label="Live accounts out of sync" data-testid="out-of-sync">
      <TableHeader>
        <TableRow>
          <TableHead>User</TableHead>
          <TableHead>Account</TableHead>
          <TableHead className="min-w-72">Difference</TableHead>
          <TableHead>Since</TableHead>
          <TableHead>Last sync</TableHead>
          <TableHead className="min-w-56">Last error</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={r.accountId} data-testid="out-of-sync-row" className="align-top">
            <TableCell className="max-w-56">
              <Link
                href={`/admin/users/${r.userId}`}
                className="block truncate font-medium underline-offset-4 hover:underline"
                title={r.email}
              >
                {r.email}
              </Link>
            </TableCell>
            <TableCell>
              <span className="font-medium">{r.label}</span>
              <span className="text-muted-foreground block text-xs">
                {r.exchange}
                {r.testnet ? " · testnet" : ""}
              </span>
            </TableCell>
            <TableCell className="text-sm whitespace-normal">
              {r.divergence ?? <Badge variant="muted">Could not be read</Badge>}
            </TableCell>
            <TableCell
              className="whitespace-nowrap"
              title={formatDateTime(r.divergedAt ?? r.lastErrorAt, { seconds: true })}
            >
              {formatAgo(r.divergedAt ?? r.lastErrorAt, now)}
            </TableCell>
            <TableCell className="text-muted-foreground whitespace-nowrap">
              {formatAgo(r.syncedAt, now)}
            </TableCell>
            <TableCell className="text-sm whitespace-normal">
              {r.lastError ? (
                <>
                  <span className="text-destructive">{r.lastError}</span>
                  <span className="text-muted-foreground block text-xs">{formatAgo(r.lastErrorAt, now)}</span>
                </>
              ) : (
                <span className="text-muted-foreground">—</span>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
