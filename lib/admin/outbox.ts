import "server-only";
// The mail log for the admin console: every email, newest first; without SMTP the outbox rows carry their text
// (so a self-hosted admin can pass on a verification or reset link).
import { count, desc } from "drizzle-orm";
import { db } from "@/db";
import { mailMessages } from "@/db/schema";

export const OUTBOX_PAGE_SIZE = 25;

/** One page of the mail log. */
export async function listOutbox(page = 1) {
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: mailMessages.id,
        to: mailMessages.to,
        template: mailMessages.template,
        subject: mailMessages.subject,
        text: mailMessages.text,
        status: mailMessages.status,
        error: mailMessages.error,
        createdAt: mailMessages.createdAt,
      })
      .from(mailMessages)
      .orderBy(desc(mailMessages.id))
      .limit(OUTBOX_PAGE_SIZE)
      .offset((Math.max(1, page) - 1) * OUTBOX_PAGE_SIZE),
    db.select({ n: count() }).from(mailMessages),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** One row of the mail log as the console shows it. */
export type OutboxRow = Awaited<ReturnType<typeof listOutbox>>["rows"][number];
