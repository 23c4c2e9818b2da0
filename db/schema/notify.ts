// Notifications: each user's channels (Telegram chat, signed webhook, daily summary hour), their per-event choices,
// the in-app list with its unread state, and one delivery row per (event, channel) so a retried job never sends twice.
import {
  boolean,
  datetime,
  index,
  mysqlEnum,
  mysqlTable,
  text,
  tinyint,
  uniqueIndex,
  varchar,
} from "drizzle-orm/mysql-core";
import { createdAt, id, ref, updatedAt, users } from "./users";

export const NOTIFY_CHANNELS = ["inapp", "email", "telegram", "webhook"] as const;
export const DELIVERY_STATUSES = ["sending", "sent", "failed"] as const;

/** One row per user: how to reach them outside the app. Secrets (webhook signing key) encrypted with the vault. */
export const notificationChannels = mysqlTable(
  "notification_channels",
  {
    userId: ref("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    telegramChatId: varchar("telegram_chat_id", { length: 32 }),
    telegramUsername: varchar("telegram_username", { length: 64 }),
    /** SHA-256 of the pending one-time deep-link token, and when it expires. */
    telegramLinkHash: varchar("telegram_link_hash", { length: 64 }),
    telegramLinkExpiresAt: datetime("telegram_link_expires_at", { mode: "date", fsp: 3 }),
    webhookUrl: varchar("webhook_url", { length: 500 }),
    webhookSecretEnc: text("webhook_secret_enc"),
    /** UTC hour (0–23) of the daily summary; null = no summary. */
    summaryHour: tinyint("summary_hour", { unsigned: true }),
    updatedAt: updatedAt(),
  },
  // The hourly summary scan reads the users of one hour.
  (t) => [index("notification_channels_summary_idx").on(t.summaryHour)],
);

/** A user's choice for one (event, channel); absent rows take the defaults of lib/notify/events.ts. */
export const notificationPrefs = mysqlTable(
  "notification_prefs",
  {
    id: id(),
    userId: ref("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    event: varchar("event", { length: 32 }).notNull(),
    channel: mysqlEnum("channel", NOTIFY_CHANNELS).notNull(),
    enabled: boolean("enabled").notNull(),
  },
  (t) => [uniqueIndex("notification_prefs_uq").on(t.userId, t.event, t.channel)],
);

/** The in-app list (the bell): one row per event, unique per user and event key. */
export const notifications = mysqlTable(
  "notifications",
  {
    id: id(),
    userId: ref("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    eventKey: varchar("event_key", { length: 120 }).notNull(),
    event: varchar("event", { length: 32 }).notNull(),
    title: varchar("title", { length: 200 }).notNull(),
    body: text("body").notNull(),
    readAt: datetime("read_at", { mode: "date", fsp: 3 }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("notifications_user_key_uq").on(t.userId, t.eventKey),
    index("notifications_user_read_idx").on(t.userId, t.readAt, t.id),
  ],
);

/** One outside delivery per (event key, channel): claimed before sending, so a retry of a sent one does nothing. */
export const notificationDeliveries = mysqlTable(
  "notification_deliveries",
  {
    id: id(),
    userId: ref("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    eventKey: varchar("event_key", { length: 120 }).notNull(),
    channel: mysqlEnum("channel", NOTIFY_CHANNELS).notNull(),
    status: mysqlEnum("status", DELIVERY_STATUSES).notNull(),
    attempts: tinyint("attempts", { unsigned: true }).notNull().default(0),
    error: varchar("error", { length: 255 }),
    createdAt: createdAt(),
    sentAt: datetime("sent_at", { mode: "date", fsp: 3 }),
  },
  (t) => [uniqueIndex("notification_deliveries_uq").on(t.userId, t.eventKey, t.channel)],
);

export type NotificationChannels = typeof notificationChannels.$inferSelect;
export type Notification = typeof notifications.$inferSelect;
export type NotifyChannel = (typeof NOTIFY_CHANNELS)[number];
