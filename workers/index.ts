// The worker process: `npm run worker`. Connects to MySQL and Redis, beats a heartbeat, runs the queue workers,
// and shuts down cleanly on SIGINT/SIGTERM (in-flight jobs finish; unfinished ones are retried by another worker).
import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import { closeDb, pool } from "@/db";
import { env } from "@/lib/env";
import { getLogger } from "@/lib/log";
import { warnUnlessOutage } from "@/lib/outage-log";
import { closeRedis, redis } from "@/lib/redis";
import { beat, forget } from "@/lib/workers/heartbeat";
import { startWorkers, type Runnable } from "./registry";

const log = getLogger("worker");

async function main(): Promise<void> {
  const id = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  await pool.query("SELECT 1");
  await redis().ping();
  const runnables: Runnable[] = await startWorkers({ workerId: id });
  const info = {
    id,
    pid: process.pid,
    host: hostname(),
    startedAt: Date.now(),
    queues: runnables.map((r) => r.name),
  };
  await beat(info);
  const timer = setInterval(() => {
    beat(info).catch((err: unknown) => warnUnlessOutage(log, "heartbeat", err, "heartbeat failed"));
  }, env.WORKER_HEARTBEAT_SECONDS * 1000);
  log.info({ workerId: id, queues: info.queues }, "worker started");

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "worker shutting down");
    clearInterval(timer);
    const force = setTimeout(() => {
      log.error("shutdown took longer than 30 s; exiting");
      process.exit(1);
    }, 30_000);
    force.unref();
    await Promise.allSettled(runnables.map((r) => r.close()));
    await forget(id).catch(() => undefined);
    await closeRedis();
    await closeDb();
    log.info("worker stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((err: unknown) => {
  log.fatal({ err }, "worker failed to start");
  process.exit(1);
});
