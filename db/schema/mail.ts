// Every email Tickpilot sends. With SMTP configured the body is not kept (it can hold a sign-in link); without
// SMTP the message stays here as the outbox, with its body, for an admin to read in the console.
import { datetime, index, mediumtext, mysqlEnum, mysqlTable, varchar } from "drizzle-orm/mysql-core";
import { createdAt, id, ref, users } from "./users";

export const MAIL_STATUSES = ["outbox", "sent", "failed"] as const;

export const mailMessages = mysqlTable(
  "mail_messages",
  {
    id: id(),
    userId: ref("user_id").references(() => users.id, { onDelete: "cascade" }),
    to: varchar("to_address", { length: 254 }).notNull(),
    template: varchar("template", { length: 64 }).notNull(),
    subject: varchar("subject", { length: 255 }).notNull(),
    /** Only for the outbox (no SMTP): what the admin console shows. */
    text: mediumtext("text"),
    html: mediumtext("html"),
    status: mysqlEnum("status", MAIL_STATUSES).notNull(),
    error: varchar("error", { length: 255 }),
    createdAt: createdAt(),
    sentAt: datetime("sent_at", { mode: "date", fsp: 3 }),
  },
  (t) => [index("mail_messages_status_idx").on(t.status, t.createdAt)],
);

export type MailMessage = typeof mailMessages.$inferSelect;
