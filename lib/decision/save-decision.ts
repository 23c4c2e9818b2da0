import "server-only";
// Decision rows: written once per (symbol, tick, group) — a retry or a racing worker finds the row instead.
import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db";
import { decisions, type Decision, type NewDecision } from "@/db/schema";

/** The decision already stored for (symbol, tick, group), if any. */
export async function existingDecision(
  symbol: string,
  tickTime: Date,
  groupKey: string,
): Promise<Decision | undefined> {
  return db.query.decisions.findFirst({
    where: and(
      eq(decisions.symbol, symbol),
      eq(decisions.tickTime, tickTime),
      eq(decisions.groupKey, groupKey),
    ),
  });
}

/** Write a decision (or find the one a concurrent/earlier attempt wrote). */
export async function saveDecision(row: NewDecision): Promise<Decision> {
  await db
    .insert(decisions)
    .values(row)
    .onDuplicateKeyUpdate({ set: { id: sql`id` } });
  const saved = await existingDecision(row.symbol, row.tickTime, row.groupKey);
  if (!saved) throw new Error("decision row missing after insert");
  return saved;
}
