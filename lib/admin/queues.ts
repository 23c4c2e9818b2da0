import "server-only";
// BullMQ queue health for the console and metrics: counts, the latest failures, and retrying a failed job.
import { AppError } from "@/lib/api/errors";
import { QUEUES, type QueueName } from "@/lib/queue/names";
import { getQueue } from "@/lib/queue/queues";
import { auditAdmin, type AdminActor } from "./audit-action";

export const QUEUE_NAMES = Object.values(QUEUES) as QueueName[];

export interface QueueCounts {
  name: QueueName;
  waiting: number;
  active: number;
  failed: number;
  delayed: number;
}

/** A failed job as the console shows it. */
export interface FailedJobView {
  queue: QueueName;
  id: string;
  name: string;
  failedReason: string;
  attemptsMade: number;
  finishedOn: number | null;
  data: unknown;
}

/** Waiting / active / failed / delayed per queue. */
export async function queueCounts(): Promise<QueueCounts[]> {
  return Promise.all(
    QUEUE_NAMES.map(async (name) => {
      const c = await getQueue(name).getJobCounts("waiting", "active", "failed", "delayed");
      return {
        name,
        waiting: c.waiting ?? 0,
        active: c.active ?? 0,
        failed: c.failed ?? 0,
        delayed: c.delayed ?? 0,
      };
    }),
  );
}

/** The newest failed jobs of every queue (at most `perQueue` each). Job data holds ids only. */
export async function failedJobs(perQueue = 20): Promise<FailedJobView[]> {
  const lists = await Promise.all(
    QUEUE_NAMES.map(async (queue) => {
      const jobs = await getQueue(queue).getFailed(0, perQueue - 1);
      return jobs.map((j) => ({
        queue,
        id: String(j.id),
        name: j.name,
        failedReason: j.failedReason ?? "",
        attemptsMade: j.attemptsMade,
        finishedOn: j.finishedOn ?? null,
        data: j.data as unknown,
      }));
    }),
  );
  return lists.flat().sort((a, b) => (b.finishedOn ?? 0) - (a.finishedOn ?? 0));
}

/** Move one failed job back to waiting (audited); 404 for an unknown queue or job, 409 when it is not failed. */
export async function retryFailedJob(
  actor: AdminActor,
  queue: string,
  jobId: string,
): Promise<{ queue: QueueName; name: string }> {
  if (!QUEUE_NAMES.includes(queue as QueueName)) throw new AppError("not_found", "Queue not found");
  const job = await getQueue(queue as QueueName).getJob(jobId);
  if (!job) throw new AppError("not_found", "Job not found");
  const state = await job.getState();
  if (state !== "failed")
    throw new AppError("conflict", `Only failed jobs can be retried (this one is ${state})`);
  const failedReason = job.failedReason ?? null; // retry() clears it on the job
  await job.retry("failed");
  await auditAdmin(actor, {
    action: "admin.queue.retry",
    targetType: "job",
    targetId: `${queue}/${jobId}`.slice(0, 64),
    metadata: { queue, jobId, name: job.name, failedReason },
  });
  return { queue: queue as QueueName, name: job.name };
}
