// The execute worker: one BullMQ job per (decision, user). Transient exchange failures are retried with
// backoff (the retry looks the order up by its client order id first); permanent ones end as a failed row.
import { UnrecoverableError, Worker, type Job } from "bullmq";
import { env } from "@/lib/env";
import { getLogger } from "@/lib/log";
import type { ExecuteJobData } from "@/lib/decision/fan-out";
import { adapterForAccount } from "@/lib/exchange/get-adapter";
import { executeForUser, markExecutionFailed, RetryableExecutionError } from "@/lib/execution/execute";
import { BULL_PREFIX, workerConnection } from "@/lib/queue/connection";
import { QUEUES } from "@/lib/queue/names";
import type { Runnable } from "./types";

const log = getLogger("execute-worker");

async function process(job: Job<ExecuteJobData>) {
  const { decisionId, userId } = job.data;
  if (!Number.isSafeInteger(decisionId) || !Number.isSafeInteger(userId))
    throw new UnrecoverableError("bad job data");
  const order = await executeForUser(decisionId, userId, { adapterFor: adapterForAccount });
  return { orderId: order.id, status: order.status };
}

/** Start the execute worker with EXECUTE_CONCURRENCY parallel jobs. */
export async function startExecuteWorker(): Promise<Runnable> {
  const worker = new Worker(QUEUES.execute, process, {
    connection: workerConnection(),
    prefix: BULL_PREFIX,
    concurrency: env.EXECUTE_CONCURRENCY,
    lockDuration: env.EXECUTE_LOCK_MS,
    stalledInterval: env.EXECUTE_LOCK_MS,
  });
  worker.on("failed", (job, err) => {
    if (!job) return;
    const final = job.attemptsMade >= (job.opts.attempts ?? 1) || err instanceof UnrecoverableError;
    log.warn({ jobId: job.id, attempt: job.attemptsMade, final, err: err.message }, "execute attempt failed");
    if (final) {
      const reason =
        err instanceof RetryableExecutionError
          ? `Exchange unavailable after ${job.attemptsMade} attempts: ${err.message}`
          : "Internal error while placing the order.";
      markExecutionFailed(job.data.decisionId, job.data.userId, reason).catch((e: unknown) =>
        log.error({ err: e }, "could not record failed execution"),
      );
    }
  });
  return { name: "execute", close: () => worker.close() };
}
