import "server-only";
// Who a signal decision belongs to (the sweeper re-fans a signal decision whose enqueue a crash cut off).
import { eq } from "drizzle-orm";
import { db } from "@/db";
import { signals } from "@/db/schema";

/** The user whose accepted signal became this decision (empty when it is not a signal decision). */
export async function signalDecisionUsers(decisionId: number): Promise<number[]> {
  const rows = await db
    .select({ userId: signals.userId })
    .from(signals)
    .where(eq(signals.decisionId, decisionId))
    .limit(1);
  return rows.map((r) => r.userId);
}
