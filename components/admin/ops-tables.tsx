// Queue counts and worker heartbeats of the status page.
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { QueueCounts } from "@/lib/admin/queues";
import type { WorkerInfo } from "@/lib/workers/heartbeat";
import { cn } from "@/lib/utils";
import { formatAgo, formatDuration } from "./format";
import { SectionCard } from "./section-card";

/** Waiting / active / delayed / failed per BullMQ queue. */
export function QueuesTable({ queues }: { queues: QueueCounts[] }) {
  return (
    <SectionCard title="Queues" description="BullMQ job counts per queue.">
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>Queue</TableHead>
            <TableHead className="text-right">Waiting</TableHead>
            <TableHead className="text-right">Active</TableHead>
            <TableHead className="text-right">Delayed</TableHead>
            <TableHead className="text-right">Failed</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {queues.map((q) => (
            <TableRow key={q.name}>
              <TableCell className="font-medium">{q.name}</TableCell>
              <TableCell className="text-right tabular-nums">{q.waiting}</TableCell>
              <TableCell className="text-right tabular-nums">{q.active}</TableCell>
              <TableCell className="text-right tabular-nums">{q.delayed}</TableCell>
              <TableCell
                className={cn("text-right tabular-nums", q.failed > 0 && "text-destructive font-semibold")}
              >
                {q.failed}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </SectionCard>
  );
}

/** Live worker processes from their Redis heartbeats. */
export function WorkersTable({ workers, now }: { workers: WorkerInfo[]; now: number }) {
  return (
    <SectionCard title="Workers" description="Processes with a heartbeat in the last three periods.">
      {workers.length === 0 ? (
        <p className="text-destructive text-sm">No worker is running. Start one with `npm run worker`.</p>
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Worker</TableHead>
              <TableHead>Host / pid</TableHead>
              <TableHead>Roles</TableHead>
              <TableHead>Up for</TableHead>
              <TableHead className="text-right">Last beat</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {workers.map((w) => (
              <TableRow key={w.id}>
                <TableCell className="font-mono text-xs">{w.id}</TableCell>
                <TableCell className="text-muted-foreground">
                  {w.host} / {w.pid}
                </TableCell>
                <TableCell>
                  <div className="flex flex-wrap gap-1">
                    {w.queues.length === 0 ? (
                      <span className="text-muted-foreground">—</span>
                    ) : (
                      w.queues.map((q) => (
                        <Badge key={q} variant="muted">
                          {q}
                        </Badge>
                      ))
                    )}
                  </div>
                </TableCell>
                <TableCell className="tabular-nums">{formatDuration(now - w.startedAt)}</TableCell>
                <TableCell className="text-right">
                  <Badge variant="success">{formatAgo(w.lastBeat, now)}</Badge>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </SectionCard>
  );
}
