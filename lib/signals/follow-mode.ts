import "server-only";
// Per symbol, what auto-trading follows: the shared decisions, the user's signals, or both (trading_settings).
import { and, eq } from "drizzle-orm";
import { db } from "@/db";
import { FOLLOW_MODES, tradingSettings } from "@/db/schema";
import { audit } from "@/lib/audit";
import { env } from "@/lib/env";
import { getSettings } from "@/lib/trading/settings";

export { FOLLOW_MODES };
export type FollowMode = (typeof FOLLOW_MODES)[number];

/** The follow mode and auto-trade switch of every served symbol, for the signals page. */
export async function followModes(userId: number) {
  return Promise.all(
    env.MARKET_SYMBOLS.map(async (symbol) => {
      const s = await getSettings(userId, symbol);
      return { symbol, mode: s.followMode, autoTrade: s.autoTrade };
    }),
  );
}
export type FollowModeView = Awaited<ReturnType<typeof followModes>>[number];

/** Change what auto-trading follows on one symbol (audited when it changes). */
export async function setFollowMode(
  actor: { id: number; ip: string },
  symbol: string,
  mode: FollowMode,
): Promise<FollowModeView> {
  const before = await getSettings(actor.id, symbol);
  if (before.followMode !== mode) {
    await db
      .update(tradingSettings)
      .set({ followMode: mode })
      .where(and(eq(tradingSettings.userId, actor.id), eq(tradingSettings.symbol, symbol)));
    await audit({
      actorId: actor.id,
      targetUserId: actor.id,
      action: "signals.follow_mode",
      targetType: "trading_settings",
      targetId: String(before.id),
      metadata: { symbol, from: before.followMode, to: mode },
      ip: actor.ip,
    });
  }
  return { symbol, mode, autoTrade: before.autoTrade };
}
