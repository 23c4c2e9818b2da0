// Users with auto-trading on, inserted directly (bulk-friendly) for decision-loop tests.
import { eq, inArray } from "drizzle-orm";
import { db } from "@/db";
import { exchangeAccounts, tradingSettings, users } from "@/db/schema";
import { uniqueEmail } from "./db";

export interface TraderSpec {
  riskLevel?: "low" | "medium" | "high";
  customPrompt?: string | null;
  plan?: "free" | "pro" | "elite";
  maxLeverage?: number;
  minConfidence?: number;
  balance?: number;
  exchange?: string;
}

/** Create `count` users, each with a paper account selected and auto-trade on; returns their ids. */
export async function createTraders(count: number, spec: TraderSpec = {}): Promise<number[]> {
  const ids: number[] = [];
  const CHUNK = 500;
  for (let i = 0; i < count; i += CHUNK) {
    const n = Math.min(CHUNK, count - i);
    const emails = Array.from({ length: n }, () => uniqueEmail("trader"));
    await db
      .insert(users)
      .values(emails.map((email) => ({ email, passwordHash: "x", plan: spec.plan ?? "free" })));
    const rows = await db.select({ id: users.id }).from(users).where(inArray(users.email, emails));
    const userIds = rows.map((r) => r.id);
    await db.insert(exchangeAccounts).values(
      userIds.map((userId) => ({
        userId,
        exchange: spec.exchange ?? "paper",
        label: "Paper trading",
        paperBalance: spec.balance ?? 10_000,
        paperInitialBalance: spec.balance ?? 10_000,
      })),
    );
    const accounts = await db
      .select({ id: exchangeAccounts.id, userId: exchangeAccounts.userId })
      .from(exchangeAccounts)
      .where(inArray(exchangeAccounts.userId, userIds));
    await db.insert(tradingSettings).values(
      accounts.map((a) => ({
        userId: a.userId,
        symbol: "BTCUSDT",
        autoTrade: true,
        exchangeAccountId: a.id,
        riskLevel: spec.riskLevel ?? "medium",
        customPrompt: spec.customPrompt ?? null,
        maxLeverage: spec.maxLeverage ?? 3,
        minConfidence: spec.minConfidence ?? 0.6,
      })),
    );
    ids.push(...userIds);
  }
  return ids;
}

/** Switch auto-trading off for everyone (tests that count eligible users start from zero). */
export async function disableAllTraders(): Promise<void> {
  await db.update(tradingSettings).set({ autoTrade: false }).where(eq(tradingSettings.autoTrade, true));
}
