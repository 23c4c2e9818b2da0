import "server-only";
// Decisions a user may see: the shared default-prompt decisions of their risk level, and their own custom
// group's. Another group's custom-prompt decision (its reason may echo that prompt) is never returned.
import { and, desc, eq, isNull, or } from "drizzle-orm";
import { db } from "@/db";
import { decisions, type Decision } from "@/db/schema";
import { getSettings } from "@/lib/trading/settings";
import { promptHash } from "./groups";

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

/** The newest decisions for a user and symbol. */
export async function decisionsForUser(userId: number, symbol: string, limit: number): Promise<Decision[]> {
  const settings = await getSettings(userId, symbol);
  const own = promptHash(settings.customPrompt);
  const visible = own
    ? or(
        and(isNull(decisions.promptHash), eq(decisions.riskLevel, settings.riskLevel)),
        eq(decisions.promptHash, own),
      )
    : and(isNull(decisions.promptHash), eq(decisions.riskLevel, settings.riskLevel));
  return db
    .select()
    .from(decisions)
    .where(and(eq(decisions.symbol, symbol), visible))
    .orderBy(desc(decisions.tickTime), desc(decisions.id))
    .limit(limit);
}
