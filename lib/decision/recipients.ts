import "server-only";
// Who each decision was for (decision_recipients): written by the decide job for every user in the decision's
// group at that tick, read by the decision history and the trade log's holds.
import type { Decision } from "@/db/schema";
import { db } from "@/db";
import { decisionRecipients } from "@/db/schema";
import { insertRows } from "@/lib/batch/bulk-sql";

const CHUNK = 1000;

/** Record the group's users as the decision's recipients (a retry of the tick adds nothing). */
export async function recordRecipients(
  decision: Decision,
  userIds: number[],
  killed: boolean,
): Promise<void> {
  const outcome = decision.action === "hold" ? "hold" : killed ? "killed" : "sent";
  for (let i = 0; i < userIds.length; i += CHUNK) {
    await insertRows(
      db,
      decisionRecipients,
      userIds.slice(i, i + CHUNK).map((userId) => ({
        userId,
        decisionId: decision.id,
        symbol: decision.symbol,
        tickTime: decision.tickTime,
        outcome,
      })),
      { ignore: true },
    );
  }
}
