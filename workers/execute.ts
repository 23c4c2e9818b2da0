// The execute worker: one BullMQ job per (decision, user). Transient exchange failures are retried with backoff
// (the retry looks the order up by its client order id first). A job that will not be retried is settled only
// after asking the exchange what it placed; one that stalled out (its worker died again and again) stays
// pending for the sweeper. On shutdown a job between the legs of a flip goes back to the queue at once.
import { UnrecoverableError, WaitingError, type Job } from "bullmq";
import { env } from "@/lib/env";
import { getLogger } from "@/lib/log";
import { isConnectionError, reportRedisError } from "@/lib/outage-log";
import type { ExecuteJobData } from "@/lib/decision/fan-out";
import { adapterForAccount } from "@/lib/exchange/get-adapter";
import {
  executeForUser,
  InterruptedExecutionError,
  RetryableExecutionError,
  type ExecuteDeps,
} from "@/lib/execution/execute";
import { liveGate } from "@/lib/execution/live-gate";
import { noteExecuteProgress } from "@/lib/execution/progress";
import { failManualAction, type ManualJobData } from "@/lib/execution/manual-actions";
import { runManualAction } from "@/lib/execution/run-manual-action";
import { settleFailedExecution } from "@/lib/execution/settle-failed";
import { QUEUES } from "@/lib/queue/names";
import { createWorker, stallOptions } from "@/lib/queue/worker";
import type { Runnable } from "./types";

const log = getLogger("execute-worker");

/** BullMQ's message for a job that stalled more than maxStalledCount times. */
const STALLED_OUT = "stalled more than allowable limit";

/** Start the execute worker with EXECUTE_CONCURRENCY parallel jobs. */
export async function startExecuteWorker(): Promise<Runnable> {
  let draining = false;
  const deps: Pick<ExecuteDeps, "adapterFor" | "shouldStop"> = {
    adapterFor: adapterForAccount,
    shouldStop: () => draining,
  };

  async function process(job: Job<ExecuteJobData & Partial<ManualJobData>>, token?: string) {
    // At most LIVE_JOBS_IN_FLIGHT of the jobs running here talk to live exchanges at once.
    const gate = liveGate();
    try {
      return await run(job, { ...deps, adapterFor: (acct) => gate.wrap(adapterForAccount(acct)) }, token);
    } finally {
      gate.done();
    }
  }

  async function run(
    job: Job<ExecuteJobData & Partial<ManualJobData>>,
    jobDeps: typeof deps,
    token?: string,
  ) {
    if (job.name === "manual") {
      const actionId = Number(job.data.actionId);
      if (!Number.isSafeInteger(actionId)) throw new UnrecoverableError("bad job data");
      const action = await runManualAction(actionId, jobDeps);
      return { actionId, status: action?.status ?? null };
    }
    const { decisionId, userId } = job.data;
    if (!Number.isSafeInteger(decisionId) || !Number.isSafeInteger(userId))
      throw new UnrecoverableError("bad job data");
    try {
      const order = await executeForUser(decisionId, userId, jobDeps);
      return { orderId: order.id, status: order.status };
    } catch (err) {
      // Shutting down between legs: hand the job back now rather than after a stall check.
      if (err instanceof InterruptedExecutionError && token) {
        await job.moveToWait(token);
        throw new WaitingError();
      }
      throw err;
    }
  }

  const worker = createWorker<ExecuteJobData & Partial<ManualJobData>>(QUEUES.execute, process, {
    concurrency: env.EXECUTE_CONCURRENCY,
    ...stallOptions(env.EXECUTE_LOCK_MS),
  });
  worker.on("completed", () => noteExecuteProgress());
  worker.on("failed", (job, err) => {
    noteExecuteProgress();
    if (!job) return;
    if (job.name === "manual") {
      if (job.attemptsMade >= (job.opts.attempts ?? 1))
        void failManualAction(Number(job.data.actionId), err.message).catch(() => undefined);
      return;
    }
    if (err.message.includes(STALLED_OUT)) {
      log.warn({ jobId: job.id }, "execute job stalled out; its row stays pending for the sweeper");
      return;
    }
    const final = job.attemptsMade >= (job.opts.attempts ?? 1) || err instanceof UnrecoverableError;
    // During a Redis outage every job fails alike: the outage's one warning says so, not a line per job.
    if (isConnectionError(err)) reportRedisError("execute-job", err);
    else
      log.warn(
        { jobId: job.id, attempt: job.attemptsMade, final, err: err.message },
        "execute attempt failed",
      );
    if (!final) return;
    const reason =
      err instanceof RetryableExecutionError
        ? `Exchange unavailable after ${job.attemptsMade} attempts: ${err.message}`
        : "Internal error while placing the order.";
    settleFailedExecution(job.data.decisionId, job.data.userId, reason, deps)
      .then(
        (row) =>
          row === null && log.warn({ jobId: job.id }, "exchange not reachable to settle; left pending"),
      )
      .catch((e: unknown) => log.error({ err: e }, "could not settle a failed execution"));
  });
  return {
    name: "execute",
    async close() {
      draining = true;
      await worker.close();
    },
  };
}
