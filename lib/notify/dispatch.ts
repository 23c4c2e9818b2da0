import "server-only";
// The notify worker's two steps. A dispatch renders the event once, writes the in-app row (unique per user and
// event) and enqueues one send per outside channel that is switched on (job id = event + channel). A send claims
// its delivery row (unique per user, event and channel): one already sent is never sent again, whatever retried.
import { and, eq } from "drizzle-orm";
import type { Job } from "bullmq";
import { db } from "@/db";
import { notificationDeliveries, notifications, users } from "@/db/schema";
import { decryptSecret } from "@/lib/crypto/vault";
import { env } from "@/lib/env";
import { sendMail } from "@/lib/mail/send-mail";
import { QUEUES } from "@/lib/queue/names";
import { getQueue } from "@/lib/queue/queues";
import { eventKey } from "./events";
import { loadMessage } from "./load-message";
import { dispatchJobId, type DispatchJob, type SendJob } from "./notify";
import { channelsFor, loadChannels } from "./prefs";
import { channelWait } from "./rate";
import { messageText, renderMessage, type Message } from "./templates";
import { sendTelegram } from "./telegram";
import { webhookSecretAad } from "./rotate-secrets";
import { postSigned } from "./webhook";

const appUrl = (path: string) => new URL(path, env.APP_URL).toString();

/** Render the event, store the in-app row, enqueue the outside sends; returns the channels used. */
export async function dispatchEvent(job: DispatchJob): Promise<string[]> {
  const { event } = job;
  const data = await loadMessage(event);
  if (!data) return [];
  const message = renderMessage(data);
  const channels = await channelsFor(event.userId, message.event);
  const key = eventKey(event);
  if (channels.includes("inapp")) {
    await db
      .insert(notifications)
      .ignore()
      .values({
        userId: event.userId,
        eventKey: key,
        event: message.event,
        title: message.title.slice(0, 200),
        body: message.lines.join("\n"),
      });
  }
  const outside = channels.filter((c): c is SendJob["channel"] => c !== "inapp");
  if (outside.length > 0)
    await getQueue(QUEUES.notify).addBulk(
      outside.map((channel) => ({
        name: "send",
        data: { event, channel } satisfies SendJob,
        opts: {
          jobId: `${dispatchJobId(event)}-${channel}`,
          attempts: env.NOTIFY_ATTEMPTS,
          backoff: { type: "exponential", delay: env.NOTIFY_RETRY_BASE_MS },
          removeOnComplete: { age: 86_400, count: 10_000 },
          removeOnFail: { age: 7 * 86_400 },
        },
      })),
    );
  return channels;
}

/** Thrown when a send must wait (rate limit): the worker moves the job to delayed without using an attempt. */
export class SendLaterError extends Error {
  constructor(readonly waitMs: number) {
    super(`rate limited for ${waitMs} ms`);
  }
}

type Target = { to: string; name: string | null } | { chatId: string } | { url: string; secret: string };

async function targetFor(job: SendJob): Promise<Target | null> {
  const userId = job.event.userId;
  if (job.channel === "email") {
    const u = await db.query.users.findFirst({
      where: eq(users.id, userId),
      columns: { email: true, name: true },
    });
    return u ? { to: u.email, name: u.name } : null;
  }
  const ch = await loadChannels(userId);
  if (job.channel === "telegram") return ch.telegramChatId ? { chatId: ch.telegramChatId } : null;
  if (!ch.webhookUrl || !ch.webhookSecretEnc) return null;
  return { url: ch.webhookUrl, secret: decryptSecret(ch.webhookSecretEnc, webhookSecretAad(userId)) };
}

/** The JSON a webhook receives (documented in docs/notifications.md). */
export function webhookBody(key: string, m: Message, at = new Date()): string {
  return JSON.stringify({
    id: key,
    type: m.event,
    created_at: at.toISOString(),
    title: m.title,
    text: m.lines.join("\n"),
    url: appUrl(m.path),
  });
}

async function deliver(job: SendJob, key: string, target: Target, m: Message): Promise<void> {
  if ("to" in target) {
    const status = await sendMail({
      to: target.to,
      userId: job.event.userId,
      template: "notification",
      data: { name: target.name, title: m.title, lines: m.lines, url: appUrl(m.path) },
    });
    if (status === "failed") throw new Error("SMTP refused or unreachable");
    return;
  }
  if ("chatId" in target) {
    await sendTelegram(target.chatId, `${messageText(m)}\n\n${appUrl(m.path)}`);
    return;
  }
  await postSigned(target.url, target.secret, webhookBody(key, m), {
    "tickpilot-event": m.event,
    "tickpilot-delivery": key,
  });
}

/** Send one (event, channel) once: 'sent', 'already-sent' or 'skipped' (nothing to send or nowhere to send it). */
export async function sendOne(job: SendJob): Promise<"sent" | "already-sent" | "skipped"> {
  const userId = job.event.userId;
  const key = eventKey(job.event);
  const where = and(
    eq(notificationDeliveries.userId, userId),
    eq(notificationDeliveries.eventKey, key),
    eq(notificationDeliveries.channel, job.channel),
  );
  await db
    .insert(notificationDeliveries)
    .ignore()
    .values({ userId, eventKey: key, channel: job.channel, status: "sending" });
  const [row] = await db.select().from(notificationDeliveries).where(where);
  if (row?.status === "sent") return "already-sent";
  const target = await targetFor(job);
  const data = target ? await loadMessage(job.event) : null;
  if (!target || !data) {
    await db.update(notificationDeliveries).set({ status: "failed", error: "nothing to send" }).where(where);
    return "skipped";
  }
  const wait = await channelWait(job.channel, "chatId" in target ? target.chatId : String(userId));
  if (wait > 0) throw new SendLaterError(wait);
  try {
    await deliver(job, key, target, renderMessage(data));
  } catch (err) {
    await db
      .update(notificationDeliveries)
      .set({ attempts: (row?.attempts ?? 0) + 1, error: (err as Error).message.slice(0, 255) })
      .where(where);
    throw err;
  }
  await db
    .update(notificationDeliveries)
    .set({ status: "sent", sentAt: new Date(), attempts: (row?.attempts ?? 0) + 1, error: null })
    .where(where);
  return "sent";
}

/** Mark a send as given up after its last attempt. */
export async function markSendFailed(job: Job<SendJob>, reason: string): Promise<void> {
  await db
    .update(notificationDeliveries)
    .set({ status: "failed", error: reason.slice(0, 255) })
    .where(
      and(
        eq(notificationDeliveries.userId, job.data.event.userId),
        eq(notificationDeliveries.eventKey, eventKey(job.data.event)),
        eq(notificationDeliveries.channel, job.data.channel),
        eq(notificationDeliveries.status, "sending"),
      ),
    );
}
