import "server-only";
// BullMQ workers with Tickpilot's connection, key prefix and error reporting (an outage logs once, not per job).
import { Worker, type Processor, type WorkerOptions } from "bullmq";
import { reportRedisError } from "@/lib/outage-log";
import { BULL_PREFIX, workerConnection } from "./connection";
import type { QueueName } from "./names";

/** A worker for `name` on the shared connection settings; options (concurrency, locks) on top. */
export function createWorker<T, R = unknown>(
  name: QueueName,
  processor: Processor<T, R>,
  opts: Partial<WorkerOptions> = {},
): Worker<T, R> {
  const worker = new Worker<T, R>(name, processor, {
    connection: workerConnection(),
    prefix: BULL_PREFIX,
    ...opts,
  });
  worker.on("error", (err) => reportRedisError(`worker:${name}`, err));
  return worker;
}

/** Stall detection for a lock of `lockMs`: checked every half lock, so a dead worker's jobs move on in ≈ 1.5 locks. */
export function stallOptions(lockMs: number): Partial<WorkerOptions> {
  return {
    lockDuration: lockMs,
    stalledInterval: Math.max(1_000, Math.floor(lockMs / 2)),
    maxStalledCount: 5,
  };
}
