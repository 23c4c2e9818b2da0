import "server-only";
// The in-app notifications (the bell): the newest of one user's, the unread count, and marking them read. Every
// query is scoped by the user, so another user's ids change nothing.
import { and, count, desc, eq, inArray, isNull } from "drizzle-orm";
import { db } from "@/db";
import { notifications } from "@/db/schema";
import type { NotificationItem } from "./catalog";

/** The user's newest notifications and how many are unread. */
export async function listNotifications(
  userId: number,
  limit = 20,
): Promise<{ items: NotificationItem[]; unread: number }> {
  const [rows, [unread]] = await Promise.all([
    db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, userId))
      .orderBy(desc(notifications.id))
      .limit(limit),
    db
      .select({ n: count() })
      .from(notifications)
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt))),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      event: r.event,
      title: r.title,
      body: r.body,
      read: r.readAt !== null,
      createdAt: r.createdAt.toISOString(),
    })),
    unread: unread?.n ?? 0,
  };
}

/** Mark the user's notifications read (the given ids, or all); returns how many changed. */
export async function markRead(userId: number, ids: number[] | "all"): Promise<number> {
  const [res] = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(
      and(
        eq(notifications.userId, userId),
        isNull(notifications.readAt),
        ids === "all" ? undefined : inArray(notifications.id, ids.length ? ids : [0]),
      ),
    );
  return res.affectedRows;
}
