import "server-only";
// Checked at the start of every execute job, so switches flipped after a fan-out still stop its orders.
import { and, eq } from "drizzle-orm";
import { db } from "@/db";
import { tradingSettings, users } from "@/db/schema";
import { getSystemSetting } from "./settings";

/** Why no new order may be placed for this user and symbol right now, or null when it may. */
export async function executionBlockedReason(userId: number, symbol: string): Promise<string | null> {
  if (await getSystemSetting("killSwitch")) return "Global kill switch is on: no new orders.";
  if ((await getSystemSetting("pausedSymbols")).includes(symbol))
    return `${symbol} is paused by an operator.`;
  const [row] = await db
    .select({
      status: users.status,
      autoTrade: tradingSettings.autoTrade,
      killSwitch: tradingSettings.killSwitch,
    })
    .from(tradingSettings)
    .innerJoin(users, eq(users.id, tradingSettings.userId))
    .where(and(eq(tradingSettings.userId, userId), eq(tradingSettings.symbol, symbol)));
  if (!row) return "No trading settings for this symbol.";
  if (row.status !== "active") return "Account suspended.";
  if (row.killSwitch) return "Your kill switch is on.";
  if (!row.autoTrade) return "Auto-trading was switched off.";
  return null;
}
