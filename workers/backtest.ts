// The `backtest` worker role: users' backtest runs (job "run", progress on the owner's stream) and, every minute,
// the public track record's update from the stored decisions and candles (job "track-record", one scheduler for
// the whole installation). Backtests are CPU-bound for seconds: give this role its own process in production
// (WORKER_ROLES=backtest) so ticks and orders never wait behind one.
import { UnrecoverableError, type Job } from "bullmq";
import { processBacktestRun } from "@/lib/backtest/run-job";
import { updateTrackRecord } from "@/lib/track-record/update";
import { env } from "@/lib/env";
import { getLogger } from "@/lib/log";
import { QUEUES } from "@/lib/queue/names";
import { getQueue } from "@/lib/queue/queues";
import { createWorker } from "@/lib/queue/worker";
import type { Runnable, WorkerContext } from "./types";

const log = getLogger("backtest-worker");

/** Scheduler id of the track record's update. */
export const TRACK_RECORD_SCHEDULER = "track-record";

async function process(job: Job<{ runId?: number }>) {
  if (job.name === TRACK_RECORD_SCHEDULER) return updateTrackRecord();
  const runId = job.data.runId;
  if (!Number.isSafeInteger(runId)) throw new UnrecoverableError("bad job data");
  return { status: await processBacktestRun(runId!) };
}

/** Start the backtest worker and make sure the track record's scheduler exists. */
export async function startBacktestWorker(_ctx?: WorkerContext): Promise<Runnable> {
  await getQueue(QUEUES.backtest).upsertJobScheduler(
    TRACK_RECORD_SCHEDULER,
    { every: 60_000 },
    { name: TRACK_RECORD_SCHEDULER, data: {}, opts: { removeOnComplete: 50, removeOnFail: 50 } },
  );
  const worker = createWorker(QUEUES.backtest, process, {
    concurrency: env.BACKTEST_CONCURRENCY,
    lockDuration: 120_000,
  });
  worker.on("failed", (job, err) =>
    log.warn({ jobId: job?.id, name: job?.name, err: err.message }, "backtest job failed"),
  );
  await worker.waitUntilReady();
  return { name: QUEUES.backtest, close: () => worker.close() };
}
