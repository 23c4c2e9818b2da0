import "server-only";
// The daily summary: each hour on the hour the notify worker's scheduler finds the users whose chosen hour (UTC)
// it is and enqueues their summary of the last 24 hours (one per user and hour, so a second scan adds nothing).
import { eq } from "drizzle-orm";
import { db } from "@/db";
import { notificationChannels } from "@/db/schema";
import { utcHour } from "./events";
import { notify } from "./notify";

/** Enqueue the summaries due at `at`'s UTC hour; returns how many users get one. */
export async function scanDailySummaries(at: Date = new Date()): Promise<number> {
  const due = await db
    .select({ userId: notificationChannels.userId })
    .from(notificationChannels)
    .where(eq(notificationChannels.summaryHour, at.getUTCHours()));
  const day = utcHour(at);
  for (let i = 0; i < due.length; i += 500)
    await notify(
      ...due.slice(i, i + 500).map((u) => ({ type: "daily_summary" as const, userId: u.userId, day })),
    );
  return due.length;
}
