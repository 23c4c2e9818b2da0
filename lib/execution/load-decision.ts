import "server-only";
// Decision rows are written once and never updated, so each worker process keeps the few recent ones it
// executes in memory: one read per decision per process instead of one per job.
import { eq } from "drizzle-orm";
import { db } from "@/db";
import { decisions, type Decision } from "@/db/schema";

const MAX = 64;
const cache = new Map<number, Promise<Decision | undefined>>();

/** The decision row (cached per process); undefined when it does not exist (not cached). */
export async function loadDecision(decisionId: number): Promise<Decision | undefined> {
  let hit = cache.get(decisionId);
  if (!hit) {
    // execute() runs the query once; awaiting drizzle's lazy query object itself would re-run it per await.
    hit = db.query.decisions.findFirst({ where: eq(decisions.id, decisionId) }).execute();
    cache.set(decisionId, hit);
    if (cache.size > MAX) cache.delete(cache.keys().next().value!);
  }
  const decision = await hit.catch(() => undefined);
  if (!decision) cache.delete(decisionId);
  return decision;
}
