import "server-only";
// A user's recent signals with their outcome: accepted → the order the execute job made of it (pending until the
// job ran), rejected → the reason. Scoped by the user.
import { and, desc, eq } from "drizzle-orm";
import { db } from "@/db";
import { orders, signalSources, signals } from "@/db/schema";

/** The newest `limit` signals of a user, each with its source's name and its order's status. */
export async function recentSignals(userId: number, limit = 50) {
  const rows = await db
    .select({
      id: signals.id,
      createdAt: signals.createdAt,
      source: signalSources.name,
      format: signals.format,
      action: signals.action,
      symbol: signals.symbol,
      alertId: signals.alertId,
      status: signals.status,
      reason: signals.reason,
      decisionId: signals.decisionId,
      orderStatus: orders.status,
      orderReason: orders.reason,
      orderQty: orders.qty,
      orderPrice: orders.price,
    })
    .from(signals)
    .innerJoin(signalSources, eq(signalSources.id, signals.sourceId))
    .leftJoin(orders, and(eq(orders.decisionId, signals.decisionId), eq(orders.userId, signals.userId)))
    .where(eq(signals.userId, userId))
    .orderBy(desc(signals.createdAt), desc(signals.id))
    .limit(limit);
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}
export type SignalView = Awaited<ReturnType<typeof recentSignals>>[number];
