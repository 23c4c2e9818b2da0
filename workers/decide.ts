// The decide worker: a BullMQ job scheduler per symbol fires at every tick boundary (aligned to multiples of the
// interval, i.e. the candle boundary); its job enqueues one `decide` job whose id carries the symbol and tick
// time, so two schedulers, two workers or a retry can never make two decisions for one tick (the decisions
// table is unique on symbol + tick + group as well). Schedulers are checked at start and every 15 s: a missing
// one (Redis restarted empty) or one off the boundary is re-created.
import type { Job } from "bullmq";
import { env } from "@/lib/env";
import { getLogger } from "@/lib/log";
import { warnUnlessOutage } from "@/lib/outage-log";
import { recordMissedTicks } from "@/lib/decision/missed-ticks";
import { pruneOldPrompts, pruneOldRecipients } from "@/lib/decision/prune-prompts";
import { tickIntervalMs } from "@/lib/decision/provider-config";
import { runTick } from "@/lib/decision/run-tick";
import { QUEUES } from "@/lib/queue/names";
import { getQueue } from "@/lib/queue/queues";
import { createWorker, stallOptions } from "@/lib/queue/worker";
import type { Runnable } from "./types";

const log = getLogger("decide-worker");

/** Job id of the decision job for a symbol and tick (no ':' allowed). */
export const decideJobId = (symbol: string, tickMs: number) => `decide-${symbol}-${tickMs}`;

/** The tick a scheduler firing at `now` belongs to: the interval boundary at or before it. */
export const tickFor = (now: number, intervalMs: number) => Math.floor(now / intervalMs) * intervalMs;

/** The first boundary after `now`, at least `marginMs` ahead (so the scheduler's start is never in the past). */
export const nextBoundary = (now: number, intervalMs: number, marginMs = 100) =>
  tickFor(now + marginMs, intervalMs) + intervalMs;

/** Scheduler id of a symbol. */
export const schedulerId = (symbol: string) => `tick-${symbol}`;

/**
 * Make sure every served symbol has a scheduler firing on the boundaries of the current interval: create a
 * missing one, re-create one with another interval or off the boundary. Idempotent across processes.
 */
export async function syncSchedulers(now = Date.now()): Promise<{ intervalMs: number; created: string[] }> {
  const interval = await tickIntervalMs();
  const queue = getQueue(QUEUES.decide);
  const created: string[] = [];
  for (const symbol of env.MARKET_SYMBOLS) {
    const id = schedulerId(symbol);
    const current = await queue.getJobScheduler(id);
    const next = current?.next ?? null;
    if (current && current.every === interval && next !== null && next % interval === 0) continue;
    if (current) await queue.removeJobScheduler(id);
    await queue.upsertJobScheduler(
      id,
      { every: interval, startDate: nextBoundary(now, interval) },
      { name: "schedule", data: { symbol }, opts: { removeOnComplete: 100, removeOnFail: 100 } },
    );
    created.push(symbol);
    log.info(
      { symbol, intervalMs: interval, replaced: Boolean(current), firstTick: nextBoundary(now, interval) },
      current ? "decision scheduler re-aligned" : "decision scheduler created",
    );
  }
  return { intervalMs: interval, created };
}

async function process(job: Job<{ symbol: string; tickMs?: number }>) {
  if (job.name === "schedule") {
    const interval = await tickIntervalMs();
    // The scheduler's own fire time (a boundary), not the moment this worker got to the job.
    const firedAt = typeof job.opts.prevMillis === "number" ? job.opts.prevMillis : Date.now();
    const tickMs = tickFor(firedAt, interval);
    await recordMissedTicks(job.data.symbol, tickMs, interval);
    await getQueue(QUEUES.decide).add(
      "decide",
      { symbol: job.data.symbol, tickMs },
      {
        jobId: decideJobId(job.data.symbol, tickMs),
        attempts: 3,
        backoff: { type: "fixed", delay: 1000 },
        removeOnComplete: { age: 7 * 24 * 3600 },
        removeOnFail: { age: 7 * 24 * 3600 },
      },
    );
    return { tickMs };
  }
  return runTick(job.data.symbol, new Date(job.data.tickMs!));
}

/** Start the decide worker; keep the schedulers present and aligned; prune old prompts and recipients hourly. */
export async function startDecideWorker(): Promise<Runnable> {
  await syncSchedulers();
  const timer = setInterval(() => {
    syncSchedulers().catch((err: unknown) =>
      warnUnlessOutage(log, "scheduler-sync", err, "scheduler sync failed"),
    );
  }, 15_000);
  const prune = () =>
    pruneOldPrompts()
      .then((n) => n > 0 && log.info({ pruned: n }, "old prompts pruned"))
      .then(() => pruneOldRecipients())
      .then((n) => n > 0 && log.info({ pruned: n }, "old decision recipients pruned"))
      .catch((err: unknown) => warnUnlessOutage(log, "prompt-prune", err, "prompt pruning failed"));
  const pruneTimer = setInterval(prune, 3600_000);
  void prune();
  // A tick killed with its worker resumes after the stall check: frozen groups and stored decisions make the
  // second run finish the first one's work without deciding anything twice.
  const worker = createWorker(QUEUES.decide, process, {
    concurrency: 4,
    ...stallOptions(env.EXECUTE_LOCK_MS),
  });
  worker.on("failed", (job, err) => log.error({ jobId: job?.id, err: err.message }, "decide job failed"));
  return {
    name: "decide",
    close: async () => {
      clearInterval(timer);
      clearInterval(pruneTimer);
      await worker.close();
    },
  };
}
