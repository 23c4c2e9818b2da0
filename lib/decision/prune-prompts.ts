import "server-only";
// Prompt retention: full prompts and raw answers are kept PROMPT_RETENTION_DAYS (≈ 1.3 kB per group per tick);
// after that only their SHA-256 (`prompt_sha`), the decision itself and its reason remain. Who received each
// decision (decision_recipients, one row per user per tick) is kept HISTORY_RETENTION_DAYS.
import { and, isNotNull, lt, lte, or, sql } from "drizzle-orm";
import { db } from "@/db";
import { decisionRecipients, decisions } from "@/db/schema";
import { env } from "@/lib/env";

const BATCH = 5_000;

/** Clear prompts and raw answers older than the retention period; returns the rows pruned. 0 days = keep all. */
export async function pruneOldPrompts(now = Date.now(), days = env.PROMPT_RETENTION_DAYS): Promise<number> {
  if (days <= 0) return 0;
  const cutoff = new Date(now - days * 86_400_000);
  let total = 0;
  for (;;) {
    // Range on decisions_created_idx, in batches so no statement holds many row locks for long.
    const [res] = await db.execute(
      sql`UPDATE ${decisions} SET ${decisions.prompt} = NULL, ${decisions.rawResponse} = NULL
          WHERE ${and(lt(decisions.createdAt, cutoff), or(isNotNull(decisions.prompt), isNotNull(decisions.rawResponse)))}
          LIMIT ${BATCH}`,
    );
    const affected = (res as unknown as { affectedRows: number }).affectedRows;
    total += affected;
    if (affected < BATCH) return total;
  }
}

/**
 * Delete the recipient rows of decisions created before the history retention period; returns the rows deleted.
 * Decision ids grow with creation time, so "older than the cutoff" is "decision id up to the newest old one": a
 * range on the recipients' decision index instead of a scan by tick time. 0 days = keep all.
 */
export async function pruneOldRecipients(
  now = Date.now(),
  days = env.HISTORY_RETENTION_DAYS,
): Promise<number> {
  if (days <= 0) return 0;
  const [last] = await db
    .select({ id: sql<number | null>`MAX(${decisions.id})` })
    .from(decisions)
    .where(lt(decisions.createdAt, new Date(now - days * 86_400_000)));
  if (!last?.id) return 0;
  let total = 0;
  for (;;) {
    const [res] = await db.execute(
      sql`DELETE FROM ${decisionRecipients} WHERE ${lte(decisionRecipients.decisionId, Number(last.id))} LIMIT ${BATCH}`,
    );
    const affected = (res as unknown as { affectedRows: number }).affectedRows;
    total += affected;
    if (affected < BATCH) return total;
  }
}
