"use client";
// Failed BullMQ jobs with their error and a retry button per job.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { RotateCcwIcon } from "lucide-react";
import { toast } from "sonner";

import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatDateTime } from "@/lib/utils";
import { adminFetch } from "./admin-fetch";
import { SectionCard } from "./section-card";

export interface FailedJobRow {
  queue: string;
  id: string;
  name: string;
  failedReason: string;
  attemptsMade: number;
  finishedOn: number | null;
  data: string;
}

/** The newest failures across queues; Retry moves one back to waiting. */
export function FailedJobs({ jobs }: { jobs: FailedJobRow[] }) {
  const router = useRouter();
  const [busy, setBusy] = useState<string | null>(null);
  const [, startTransition] = useTransition();

  async function retry(job: FailedJobRow) {
    const key = `${job.queue}/${job.id}`;
    setBusy(key);
    try {
      await adminFetch(`/api/admin/queues/${job.queue}/jobs/${encodeURIComponent(job.id)}/retry`, {
        method: "POST",
      });
      toast.success(`Retrying ${job.queue} job ${job.id}`);
      startTransition(() => router.refresh());
    } catch (err) {
      toast.error((err as Error).message);
    } finally {
      setBusy(null);
    }
  }

  return (
    <SectionCard title="Failed jobs" description="The latest 20 failures per queue, newest first.">
      {jobs.length === 0 ? (
        <p className="text-muted-foreground text-sm">No failed jobs.</p>
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Queue / job</TableHead>
              <TableHead>Error</TableHead>
              <TableHead className="text-right">Attempts</TableHead>
              <TableHead>Failed at</TableHead>
              <TableHead className="sr-only">Actions</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {jobs.map((j) => {
              const key = `${j.queue}/${j.id}`;
              return (
                <TableRow key={key}>
                  <TableCell>
                    <p className="font-medium">{j.queue}</p>
                    <p className="text-muted-foreground font-mono text-xs">
                      {j.name} · {j.id}
                    </p>
                  </TableCell>
                  <TableCell className="max-w-md whitespace-normal">
                    <p className="text-destructive text-sm break-words">{j.failedReason || "—"}</p>
                    <p className="text-muted-foreground truncate font-mono text-xs">{j.data}</p>
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{j.attemptsMade}</TableCell>
                  <TableCell className="text-muted-foreground">
                    {formatDateTime(j.finishedOn, { seconds: true })}
                  </TableCell>
                  <TableCell className="text-right">
                    <Button size="sm" variant="outline" onClick={() => retry(j)} disabled={busy !== null}>
                      {busy === key ? <Spinner /> : <RotateCcwIcon aria-hidden="true" />}
                      Retry
                    </Button>
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
    </SectionCard>
  );
}
