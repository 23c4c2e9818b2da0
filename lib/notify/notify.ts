import "server-only";
// The one call every hook makes after its database write committed: `await notify({ type: "exit", userId, orderId })`.
// It enqueues a `dispatch` job per event (job id = user + event key, so a hook that runs twice adds nothing) and never
// throws: a lost notification must not fail a trade, a reconcile pass or a webhook.
import { getLogger } from "@/lib/log";
import { warnUnlessOutage } from "@/lib/outage-log";
import { QUEUES } from "@/lib/queue/names";
import { getQueue } from "@/lib/queue/queues";
import { eventKey, type NotifyEvent } from "./events";

const log = getLogger("notify");

/** Job data of the `notify` queue: a dispatch carries the event; a send adds the channel. */
export type DispatchJob = { event: NotifyEvent };
export type SendJob = { event: NotifyEvent; channel: "email" | "telegram" | "webhook" };

/** The BullMQ id of one event's dispatch (no `:` allowed). */
export const dispatchJobId = (e: NotifyEvent) => `ev-${e.userId}-${eventKey(e)}`;

/** Enqueue notifications for events that already happened (after their transaction committed). */
export async function notify(...events: Array<NotifyEvent | null | undefined>): Promise<void> {
  const jobs = events
    .filter((e): e is NotifyEvent => Boolean(e))
    .map((event) => ({
      name: "dispatch",
      data: { event } satisfies DispatchJob,
      opts: {
        jobId: dispatchJobId(event),
        attempts: 5,
        backoff: { type: "exponential", delay: 2_000 },
        removeOnComplete: { age: 86_400, count: 10_000 },
        removeOnFail: { age: 7 * 86_400 },
      },
    }));
  if (jobs.length === 0) return;
  try {
    await getQueue(QUEUES.notify).addBulk(jobs);
  } catch (err) {
    warnUnlessOutage(log, "notify-enqueue", err, "notification could not be enqueued");
  }
}
