import "server-only";
// Nothing stale executes: a decision older than one tick interval, or one its group has already replaced with
// a newer decision, is skipped with the reason. Checked once per decision per process per second — thousands
// of execute jobs of one decision share the read.
import { and, eq, gt } from "drizzle-orm";
import { db } from "@/db";
import { decisions, type Decision } from "@/db/schema";

const CACHE_MS = 1_000;
const newerCache = new Map<number, { at: number; newer: Promise<boolean> }>();
const hhmm = (t: Date) => t.toISOString().slice(11, 16);

// Whether the same group has a decision for a later tick (decisions_group_tick_idx).
function hasNewer(decision: Decision, now: number): Promise<boolean> {
  const hit = newerCache.get(decision.id);
  if (hit && now - hit.at < CACHE_MS) return hit.newer;
  const newer = db
    .select({ id: decisions.id })
    .from(decisions)
    .where(
      and(
        eq(decisions.groupKey, decision.groupKey),
        eq(decisions.symbol, decision.symbol),
        gt(decisions.tickTime, decision.tickTime),
      ),
    )
    .limit(1)
    .execute()
    .then((rows) => rows.length > 0);
  newerCache.set(decision.id, { at: now, newer });
  if (newerCache.size > 256) newerCache.delete(newerCache.keys().next().value!);
  return newer;
}

/** Why this decision must not be executed any more, or null when it is current. */
export async function staleDecisionReason(decision: Decision, now = Date.now()): Promise<string | null> {
  if (decision.expiresAt && now > decision.expiresAt.getTime())
    return `The decision of ${hhmm(decision.tickTime)} UTC expired at ${hhmm(decision.expiresAt)} UTC (one tick interval): not executed.`;
  if (await hasNewer(decision, now))
    return `A newer decision replaced the one of ${hhmm(decision.tickTime)} UTC: not executed.`;
  return null;
}
