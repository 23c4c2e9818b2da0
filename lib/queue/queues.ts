import "server-only";
// Producer-side queue handles, one per queue per process: the only cache of them (web, admin console, workers).
import { Queue } from "bullmq";
import { reportRedisError } from "@/lib/outage-log";
import { BULL_PREFIX, producerConnection } from "./connection";
import type { QueueName } from "./names";

const globalForQueues = globalThis as unknown as { __tpQueues?: Map<string, Queue> };

/** The producer handle of a queue (created on first use). */
export function getQueue(name: QueueName): Queue {
  const queues = (globalForQueues.__tpQueues ??= new Map());
  let queue = queues.get(name);
  if (!queue) {
    queue = new Queue(name, { connection: producerConnection(), prefix: BULL_PREFIX });
    // Without a listener a lost connection would crash the process; an outage logs once (lib/outage-log).
    queue.on("error", (err: Error) => reportRedisError(`queue:${name}`, err));
    queues.set(name, queue);
  }
  return queue;
}

/** Close every producer handle (scripts, tests, shutdown). */
export async function closeQueues(): Promise<void> {
  const queues = globalForQueues.__tpQueues;
  globalForQueues.__tpQueues = undefined;
  if (queues) await Promise.all([...queues.values()].map((q) => q.close()));
}
