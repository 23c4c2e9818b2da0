import "server-only";
// Each user's notification choices: per (event, channel) switches over the defaults, the channels they linked
// (Telegram chat, webhook URL) and the hour of the daily summary.
import { eq } from "drizzle-orm";
import { db } from "@/db";
import { notificationChannels, notificationPrefs, type NotificationChannels } from "@/db/schema";
import { env } from "@/lib/env";
import type { PrefMatrix } from "./catalog";
import { CHANNELS, defaultEnabled, NOTIFY_EVENTS, type Channel, type NotifyEventName } from "./events";

/** The user's channels row (an empty one when they never set anything). */
export async function loadChannels(userId: number): Promise<NotificationChannels> {
  const row = await db.query.notificationChannels.findFirst({
    where: eq(notificationChannels.userId, userId),
  });
  return (
    row ?? {
      userId,
      telegramChatId: null,
      telegramUsername: null,
      telegramLinkHash: null,
      telegramLinkExpiresAt: null,
      webhookUrl: null,
      webhookSecretEnc: null,
      summaryHour: null,
      updatedAt: new Date(),
    }
  );
}

/** Upsert part of the user's channels row. */
export async function saveChannels(
  userId: number,
  set: Partial<Omit<NotificationChannels, "userId" | "updatedAt">>,
): Promise<void> {
  await db
    .insert(notificationChannels)
    .values({ userId, ...set })
    .onDuplicateKeyUpdate({ set: { ...set, updatedAt: new Date() } });
}

/** Every (event, channel) switch of the user, defaults where they chose nothing. */
export async function loadPrefs(userId: number): Promise<PrefMatrix> {
  const rows = await db.select().from(notificationPrefs).where(eq(notificationPrefs.userId, userId));
  const matrix = Object.fromEntries(
    NOTIFY_EVENTS.map((e) => [e, Object.fromEntries(CHANNELS.map((c) => [c, defaultEnabled(e, c)]))]),
  ) as PrefMatrix;
  for (const r of rows) {
    const event = r.event as NotifyEventName;
    if (matrix[event]) matrix[event][r.channel] = r.enabled;
  }
  return matrix;
}

/** Turn one (event, channel) on or off for the user. */
export async function setPref(
  userId: number,
  event: NotifyEventName,
  channel: Channel,
  enabled: boolean,
): Promise<void> {
  await db
    .insert(notificationPrefs)
    .values({ userId, event, channel, enabled })
    .onDuplicateKeyUpdate({ set: { enabled } });
}

/** Whether Telegram is configured on this server. */
export const telegramConfigured = () => Boolean(env.TELEGRAM_BOT_TOKEN && env.TELEGRAM_BOT_USERNAME);

/** The channels an event goes to for this user: switched on and usable (a linked chat, a saved URL). */
export async function channelsFor(userId: number, event: NotifyEventName): Promise<Channel[]> {
  const [prefs, ch] = await Promise.all([loadPrefs(userId), loadChannels(userId)]);
  const on = prefs[event];
  return CHANNELS.filter((c) => {
    if (!on[c]) return false;
    if (c === "telegram") return telegramConfigured() && ch.telegramChatId !== null;
    if (c === "webhook") return ch.webhookUrl !== null && ch.webhookSecretEnc !== null;
    return true;
  });
}
