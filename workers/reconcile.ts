// The `reconcile` worker role: live accounts report back. A BullMQ worker runs reconcile passes (lib/reconcile);
// every 5 s one process enqueues the passes that are due; private streams ask for a pass the moment the exchange
// reports an order event. At start, every watched account gets a pass before anything else.
import { env } from "@/lib/env";
import { getLogger } from "@/lib/log";
import { warnUnlessOutage } from "@/lib/outage-log";
import { QUEUES } from "@/lib/queue/names";
import { createWorker } from "@/lib/queue/worker";
import { PrivateStreams } from "@/lib/reconcile/private-streams";
import { reconcileAccount } from "@/lib/reconcile/reconcile-account";
import { noteReconcileLag } from "@/lib/reconcile/stats";
import { enqueueDueReconciles } from "@/lib/reconcile/schedule";
import { redis, rkey } from "@/lib/redis";
import type { Runnable } from "./types";

const log = getLogger("reconcile-worker");

/** Start the reconcile worker, the periodic check and the private streams. */
export async function startReconcileWorker(): Promise<Runnable> {
  const worker = createWorker<{ accountId: number }>(
    QUEUES.reconcile,
    async (job) => {
      const accountId = Number(job.data.accountId);
      if (!Number.isSafeInteger(accountId)) return null;
      const result = await reconcileAccount(accountId);
      await noteReconcileLag(job.timestamp + (job.opts.delay ?? 0));
      return result;
    },
    { concurrency: 8 },
  );
  worker.on("failed", (job, err) => log.warn({ jobId: job?.id, err: err.message }, "reconcile pass failed"));
  const streams = new PrivateStreams();
  const tick = async () => {
    // One process at a time enqueues (the job ids would dedupe anyway; this saves the reads).
    if ((await redis().set(rkey("reconcile:scheduler"), "1", "PX", 4_500, "NX")) === "OK")
      await enqueueDueReconciles();
    await streams.refresh();
  };
  // Startup reconciliation: every watched account is due at once (its last sync predates this process).
  await tick().catch((err: unknown) =>
    warnUnlessOutage(log, "reconcile", err, "startup reconciliation failed"),
  );
  const timer = setInterval(() => {
    tick().catch((err: unknown) => warnUnlessOutage(log, "reconcile", err, "reconcile scheduling failed"));
  }, 5_000);
  log.info({ streamsMax: env.RECONCILE_STREAMS_MAX }, "reconcile worker started");
  return {
    name: "reconcile",
    async close() {
      clearInterval(timer);
      await streams.close();
      await worker.close();
    },
  };
}
