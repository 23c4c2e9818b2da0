import "server-only";
// Checks the execute worker runs at the start of every job, so switches flipped after a fan-out still stop it.
import { and, eq } from "drizzle-orm";
import { db } from "@/db";
import { tradingSettings, users } from "@/db/schema";
import { getSystemSetting } from "./settings";

/** Why an order for (user, symbol) must not be placed right now, or null when it may go ahead. Read fresh every call. */
export async function executionBlockedReason(userId: number, symbol: string): Promise<string | null> {
  if (await getSystemSetting("killSwitch")) return "Global kill switch is on";
  const paused = await getSystemSetting("pausedSymbols");
  if (paused.includes(symbol)) return `${symbol} is paused by an operator`;
  const user = await db.query.users.findFirst({
    where: eq(users.id, userId),
    columns: { id: true, status: true },
  });
  if (!user) return "User no longer exists";
  if (user.status !== "active") return "User is suspended";
  const settings = await db.query.tradingSettings.findFirst({
    where: and(eq(tradingSettings.userId, userId), eq(tradingSettings.symbol, symbol)),
    columns: { autoTrade: true, killSwitch: true },
  });
  if (settings?.killSwitch) return "User's kill switch is on";
  if (!settings?.autoTrade) return "Auto-trading is off";
  return null;
}
