import "server-only";
// Decisions a user may see: those of the groups they were in at each tick, else the shared default-prompt
// decisions of their risk level. Another group's custom-prompt decision (its reason may echo that prompt) is never
// returned.
import { and, desc, eq, isNull } from "drizzle-orm";
import { db } from "@/db";
import { decisionRecipients, decisions, type Decision } from "@/db/schema";
import { getSettings } from "@/lib/trading/settings";

/** A decision as the API and the dashboard show it (no prompt, no raw response). */
export function decisionView(d: Decision) {
  return {
    id: d.id,
    symbol: d.symbol,
    tickTime: d.tickTime.toISOString(),
    candleTime: d.candleTime?.toISOString() ?? null,
    riskLevel: d.riskLevel,
    provider: d.provider,
    model: d.model,
    action: d.action,
    confidence: d.confidence,
    leverage: d.leverage,
    stopLoss: d.stopLoss,
    takeProfit: d.takeProfit,
    reason: d.reason,
    price: d.price,
    status: d.status,
    custom: d.promptHash !== null,
  };
}

/**
 * The newest decisions for a user and symbol: at every tick the decision of the group the user was in then
 * (recorded in decision_recipients, so a later settings change does not hide it); at ticks where they were in
 * no group (auto-trading off), the shared default-prompt decision of their current risk level for reference.
 */
export async function decisionsForUser(userId: number, symbol: string, limit: number): Promise<Decision[]> {
  const settings = await getSettings(userId, symbol);
  const [received, reference] = await Promise.all([
    db
      .select({ d: decisions })
      .from(decisionRecipients)
      .innerJoin(decisions, eq(decisions.id, decisionRecipients.decisionId))
      .where(and(eq(decisionRecipients.userId, userId), eq(decisionRecipients.symbol, symbol)))
      .orderBy(desc(decisionRecipients.tickTime), desc(decisionRecipients.decisionId))
      .limit(limit),
    db
      .select()
      .from(decisions)
      .where(
        and(
          eq(decisions.symbol, symbol),
          isNull(decisions.promptHash),
          eq(decisions.riskLevel, settings.riskLevel),
        ),
      )
      .orderBy(desc(decisions.tickTime), desc(decisions.id))
      .limit(limit),
  ]);
  const mine = received.map((r) => r.d);
  const ticks = new Set(mine.map((d) => d.tickTime.getTime()));
  return [...mine, ...reference.filter((d) => !ticks.has(d.tickTime.getTime()))]
    .sort((a, b) => b.tickTime.getTime() - a.tickTime.getTime() || b.id - a.id)
    .slice(0, limit);
}
