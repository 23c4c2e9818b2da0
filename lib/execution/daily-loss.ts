import "server-only";
// The daily loss limit: realised PnL net of fees since 00:00 UTC, from the one ledger (fills of paper and live
// accounts alike); past the limit, auto-trading switches itself off.
import { and, eq, gte, sql } from "drizzle-orm";
import { db } from "@/db";
import { fills, tradingSettings, type TradingSettings } from "@/db/schema";
import { audit } from "@/lib/audit";
import { createBatcher } from "@/lib/batch/batcher";
import { inList } from "@/lib/batch/bulk-sql";
import { utcDay } from "@/lib/notify/events";
import { notify } from "@/lib/notify/notify";

const pnlBatch = createBatcher<number, number>({
  async run(userIds) {
    const midnight = new Date();
    midnight.setUTCHours(0, 0, 0, 0);
    const rows = await db
      .select({
        userId: fills.userId,
        pnl: sql<string>`COALESCE(SUM(${fills.realizedPnl} - ${fills.fee}), 0)`,
      })
      .from(fills)
      .where(and(inList(fills.userId, userIds), gte(fills.executedAt, midnight)))
      .groupBy(fills.userId);
    const byUser = new Map(rows.map((r) => [r.userId, Number(r.pnl)]));
    return userIds.map((id) => byUser.get(id) ?? 0);
  },
});

/** Realised PnL (USDT) of the user's fills today (UTC), net of their fees (reads of concurrent jobs batched). */
export function realizedPnlToday(userId: number): Promise<number> {
  return pnlBatch(userId);
}

/** When today's loss reached the limit: switch auto-trading off with a notice and an audit entry; returns the notice. */
export async function enforceDailyLossLimit(
  settings: Pick<TradingSettings, "id" | "userId" | "dailyLossLimit">,
): Promise<string | null> {
  if (settings.dailyLossLimit === null) return null;
  const pnl = await realizedPnlToday(settings.userId);
  if (-pnl < settings.dailyLossLimit) return null;
  const notice = `Daily loss limit reached: ${(-pnl).toFixed(2)} USDT lost today (limit ${settings.dailyLossLimit.toFixed(2)}). Auto-trading was switched off.`;
  const [res] = await db
    .update(tradingSettings)
    .set({ autoTrade: false, pausedReason: notice, pausedAt: new Date() })
    .where(and(eq(tradingSettings.id, settings.id), eq(tradingSettings.autoTrade, true)));
  if (res.affectedRows === 1) {
    await audit({
      actorId: null,
      targetUserId: settings.userId,
      action: "trading.daily_loss_limit",
      targetType: "trading_settings",
      targetId: String(settings.id),
      metadata: { pnl, limit: settings.dailyLossLimit },
    });
    await notify({ type: "loss_limit", userId: settings.userId, settingsId: settings.id, day: utcDay() });
  }
  return notice;
}
