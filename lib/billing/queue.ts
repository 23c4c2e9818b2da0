import "server-only";
// The billing queue: one job per Stripe event, job id = the event id, data = the event id only.
import { Queue } from "bullmq";
import { BULL_PREFIX, producerConnection } from "@/lib/queue/connection";
import { QUEUES } from "@/lib/queue/names";

/** Payload of a billing job: the Stripe event id, nothing else (the worker re-reads everything from Stripe). */
export interface BillingJobData {
  eventId: string;
}

let queue: Queue<BillingJobData> | null = null;

/** The shared producer for the billing queue. */
export function billingQueue(): Queue<BillingJobData> {
  queue ??= new Queue<BillingJobData>(QUEUES.billing, {
    connection: producerConnection(),
    prefix: BULL_PREFIX,
  });
  return queue;
}

/** Enqueue processing of one event; a second enqueue of the same event id is a no-op while the job exists. */
export async function enqueueStripeEvent(eventId: string): Promise<void> {
  const jobId = eventId.replaceAll(":", "_");
  const existing = await billingQueue().getJob(jobId);
  if (existing && (await existing.isFailed())) {
    await existing.retry();
    return;
  }
  await billingQueue().add(
    "stripe-event",
    { eventId },
    {
      jobId,
      attempts: 6,
      backoff: { type: "exponential", delay: 2_000 },
      removeOnComplete: { count: 1_000 },
      removeOnFail: { count: 5_000 },
    },
  );
}

/** Close the producer (tests, shutdown). */
export async function closeBillingQueue(): Promise<void> {
  await queue?.close();
  queue = null;
}
