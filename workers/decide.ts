// The decide worker: a BullMQ job scheduler per symbol fires at every tick boundary; its job enqueues one
// `decide` job whose id carries the symbol and tick time, so two schedulers, two workers or a retry can never
// make two decisions for one tick (the decisions table is unique on symbol + tick + group as well).
import { Worker, type Job } from "bullmq";
import { env } from "@/lib/env";
import { getLogger } from "@/lib/log";
import { tickIntervalMs } from "@/lib/decision/provider-config";
import { runTick } from "@/lib/decision/run-tick";
import { BULL_PREFIX, workerConnection } from "@/lib/queue/connection";
import { QUEUES } from "@/lib/queue/names";
import { getQueue } from "@/lib/queue/queues";
import type { Runnable } from "./types";

const log = getLogger("decide-worker");

/** Job id of the decision job for a symbol and tick (no ':' allowed). */
export const decideJobId = (symbol: string, tickMs: number) => `decide-${symbol}-${tickMs}`;

/** The tick a scheduler firing at `now` belongs to: the interval boundary at or before it. */
export const tickFor = (now: number, intervalMs: number) => Math.floor(now / intervalMs) * intervalMs;

let scheduledInterval = 0;

/** Create or update one job scheduler per symbol for the current tick interval (idempotent across processes). */
export async function syncSchedulers(): Promise<number> {
  const interval = await tickIntervalMs();
  if (interval === scheduledInterval) return interval;
  const queue = getQueue(QUEUES.decide);
  for (const symbol of env.MARKET_SYMBOLS) {
    await queue.upsertJobScheduler(
      `tick-${symbol}`,
      { every: interval },
      { name: "schedule", data: { symbol }, opts: { removeOnComplete: 100, removeOnFail: 100 } },
    );
  }
  scheduledInterval = interval;
  log.info({ intervalMs: interval, symbols: env.MARKET_SYMBOLS }, "decision schedulers set");
  return interval;
}

async function process(job: Job<{ symbol: string; tickMs?: number }>) {
  if (job.name === "schedule") {
    const interval = await tickIntervalMs();
    const tickMs = tickFor(Date.now(), interval);
    await getQueue(QUEUES.decide).add(
      "decide",
      { symbol: job.data.symbol, tickMs },
      {
        jobId: decideJobId(job.data.symbol, tickMs),
        attempts: 3,
        backoff: { type: "exponential", delay: 2000 },
        removeOnComplete: { age: 7 * 24 * 3600 },
        removeOnFail: { age: 7 * 24 * 3600 },
      },
    );
    return { tickMs };
  }
  return runTick(job.data.symbol, new Date(job.data.tickMs!));
}

/** Start the decide worker and keep the schedulers in line with the configured interval. */
export async function startDecideWorker(): Promise<Runnable> {
  await syncSchedulers();
  const timer = setInterval(() => {
    syncSchedulers().catch((err: unknown) => log.warn({ err }, "scheduler sync failed"));
  }, 15_000);
  const worker = new Worker(QUEUES.decide, process, {
    connection: workerConnection(),
    prefix: BULL_PREFIX,
    concurrency: 4,
  });
  worker.on("failed", (job, err) => log.error({ jobId: job?.id, err: err.message }, "decide job failed"));
  return {
    name: "decide",
    close: async () => {
      clearInterval(timer);
      await worker.close();
    },
  };
}
