// The billing worker: processes each recorded Stripe event once (job id = event id), retrying transient failures.
import { UnrecoverableError } from "bullmq";
import { markStripeEventFailed, processStripeEvent } from "@/lib/billing/process-event";
import type { BillingJobData } from "@/lib/billing/queue";
import { isPermanentStripeError } from "@/lib/billing/stripe-errors";
import { getLogger } from "@/lib/log";
import { QUEUES } from "@/lib/queue/names";
import { createWorker } from "@/lib/queue/worker";
import type { Runnable, WorkerContext } from "./types";

const log = getLogger("billing-worker");

/** Start the billing queue's worker. */
export async function startBillingWorker(_ctx?: WorkerContext): Promise<Runnable> {
  const worker = createWorker<BillingJobData>(
    QUEUES.billing,
    async (job) => {
      const eventId = String(job.data.eventId ?? "");
      if (!/^evt_[A-Za-z0-9_]+$/.test(eventId))
        throw new UnrecoverableError("job data is not a Stripe event id");
      try {
        return await processStripeEvent(eventId);
      } catch (err) {
        // Stripe refusing the request (e.g. a 404 for an object of another mode) will refuse it again: stop now.
        if (isPermanentStripeError(err)) throw new UnrecoverableError((err as Error).message);
        throw err;
      }
    },
    { concurrency: 4 },
  );
  worker.on("failed", (job, err) => {
    if (!job) return;
    const final = err instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
    log.warn(
      { eventId: job.data.eventId, attempt: job.attemptsMade, final, err: err.message },
      "billing job failed",
    );
    if (final) void markStripeEventFailed(job.data.eventId, err.message).catch(() => undefined);
  });
  await worker.waitUntilReady();
  return { name: QUEUES.billing, close: () => worker.close() };
}
