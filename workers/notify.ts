// The `notify` worker role: dispatches events (in-app row + one send per channel), sends each (event, channel)
// once within the per-channel rates (a send that must wait is delayed without using an attempt), and every hour on
// the hour enqueues the daily summaries of the users whose UTC hour it is.
import { DelayedError, UnrecoverableError, type Job } from "bullmq";
import { getLogger } from "@/lib/log";
import { dispatchEvent, markSendFailed, SendLaterError, sendOne } from "@/lib/notify/dispatch";
import type { DispatchJob, SendJob } from "@/lib/notify/notify";
import { UnsafeUrlError } from "@/lib/notify/safe-url";
import { scanDailySummaries } from "@/lib/notify/summary";
import { TelegramError } from "@/lib/notify/telegram";
import { unlinkTelegram } from "@/lib/notify/telegram-link";
import { WebhookStatusError } from "@/lib/notify/webhook";
import { QUEUES } from "@/lib/queue/names";
import { getQueue } from "@/lib/queue/queues";
import { createWorker } from "@/lib/queue/worker";
import type { Runnable, WorkerContext } from "./types";

const log = getLogger("notify-worker");

type NotifyJob = Job<DispatchJob | SendJob | Record<string, never>>;

async function runSend(job: Job<SendJob>, token: string | undefined) {
  try {
    return await sendOne(job.data);
  } catch (err) {
    if (err instanceof SendLaterError && token) {
      await job.moveToDelayed(Date.now() + err.waitMs, token);
      throw new DelayedError();
    }
    if (err instanceof TelegramError && err.retryAfter && token) {
      await job.moveToDelayed(Date.now() + err.retryAfter * 1000, token);
      throw new DelayedError();
    }
    // A chat that blocked the bot (or was deleted) is unlinked: the settings page then shows Telegram as not linked.
    if (err instanceof TelegramError && err.status === 403) await unlinkTelegram(job.data.event.userId);
    // What will fail the same way again: a refused address, a 4xx from the receiver, a chat that blocked the bot.
    if (
      err instanceof UnsafeUrlError ||
      (err instanceof WebhookStatusError && !err.retryable) ||
      (err instanceof TelegramError && !err.retryable)
    )
      throw new UnrecoverableError(err.message);
    throw err;
  }
}

/** Start the notify queue's worker and the hourly summary scheduler. */
export async function startNotifyWorker(_ctx?: WorkerContext): Promise<Runnable> {
  const worker = createWorker<NotifyJob["data"]>(
    QUEUES.notify,
    async (job, token) => {
      if (job.name === "dispatch") return dispatchEvent(job.data as DispatchJob);
      if (job.name === "send") return runSend(job as Job<SendJob>, token);
      // The hour it was scheduled for (a scheduler's job is created early with a delay), not when it ran.
      if (job.name === "summary-scan")
        return scanDailySummaries(new Date(job.timestamp + (job.opts.delay ?? 0)));
      throw new UnrecoverableError(`unknown notify job ${job.name}`);
    },
    { concurrency: 16 },
  );
  worker.on("failed", (job, err) => {
    if (!job || job.name !== "send") return;
    const final = err instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
    log.warn(
      {
        jobId: job.id,
        channel: (job.data as SendJob).channel,
        attempt: job.attemptsMade,
        final,
        err: err.message,
      },
      "notification send failed",
    );
    if (final) void markSendFailed(job as Job<SendJob>, err.message).catch(() => undefined);
  });
  await getQueue(QUEUES.notify).upsertJobScheduler(
    "notify-daily-summary",
    { pattern: "0 * * * *", tz: "UTC" },
    { name: "summary-scan", data: {}, opts: { removeOnComplete: 48, removeOnFail: 48 } },
  );
  await worker.waitUntilReady();
  return { name: QUEUES.notify, close: () => worker.close() };
}
