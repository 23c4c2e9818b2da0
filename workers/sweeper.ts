// The `sweeper` worker role: every SWEEP_INTERVAL_SECONDS, recover order rows no live job will finish and
// fan-outs a Redis loss cut short (lib/recovery/sweep.ts). One pass at a time across all workers (a lock).
import { env } from "@/lib/env";
import { getLogger } from "@/lib/log";
import { warnUnlessOutage } from "@/lib/outage-log";
import { sweep } from "@/lib/recovery/sweep";
import { redis, rkey } from "@/lib/redis";
import type { Runnable } from "./types";

const log = getLogger("sweeper");

/** Start the periodic sweeper. */
export async function startSweeper(): Promise<Runnable> {
  const every = env.SWEEP_INTERVAL_SECONDS * 1000;
  let running: Promise<unknown> = Promise.resolve();
  const pass = async () => {
    const lock = await redis().set(rkey("sweeper:lock"), String(process.pid), "PX", every, "NX");
    if (lock !== "OK") return;
    await sweep();
  };
  const timer = setInterval(() => {
    running = pass().catch((err: unknown) => warnUnlessOutage(log, "sweeper", err, "sweeper pass failed"));
  }, every);
  return {
    name: "sweeper",
    async close() {
      clearInterval(timer);
      await running;
    },
  };
}
