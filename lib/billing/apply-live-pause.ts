import "server-only";
// After a subscription change: pause live auto-trading (notice + audit) when live trading is no longer allowed,
// clear the notice when it is allowed again. Auto-trade stays on: on a live account no new position is opened but
// open ones stay protected (stop-loss and take-profit stay on the exchange, `close` decisions still execute).
import { and, eq, inArray, like, ne, or, isNull } from "drizzle-orm";
import { db } from "@/db";
import { exchangeAccounts, tradingSettings, users } from "@/db/schema";
import { audit } from "@/lib/audit";
import { planFor } from "@/lib/billing/limits";
import { LEGACY_NOTICE_END, LIVE_PAUSING_STATUSES, POSITIONS_PROTECTED } from "@/lib/billing/status";
import { notify } from "@/lib/notify/notify";

const billingNotice = or(
  like(tradingSettings.pausedReason, `%${POSITIONS_PROTECTED}`),
  like(tradingSettings.pausedReason, `%${LEGACY_NOTICE_END}`),
);

// The user's trading-settings rows whose selected account is live (not the paper exchange).
async function liveSettingIds(userId: number): Promise<number[]> {
  const rows = await db
    .select({ id: tradingSettings.id })
    .from(tradingSettings)
    .innerJoin(exchangeAccounts, eq(exchangeAccounts.id, tradingSettings.exchangeAccountId))
    .where(and(eq(tradingSettings.userId, userId), ne(exchangeAccounts.exchange, "paper")));
  return rows.map((r) => r.id);
}

/** Apply the pause/resume that follows a subscription moving from `prevStatus` to `status`. */
export async function applyLivePause(
  userId: number,
  change: { subscriptionId: string; prevStatus: string | null; status: string },
): Promise<void> {
  const [user] = await db.select({ id: users.id, plan: users.plan }).from(users).where(eq(users.id, userId));
  if (!user) return;
  const access = await planFor(user);
  if (access.liveTradingAllowed) {
    // Every row of the user, live or not: one switched to paper during the pause may still carry the notice.
    await db
      .update(tradingSettings)
      .set({ pausedReason: null, pausedAt: null })
      .where(and(eq(tradingSettings.userId, userId), billingNotice));
    if (change.prevStatus && (LIVE_PAUSING_STATUSES as readonly string[]).includes(change.prevStatus)) {
      await audit({
        actorId: null,
        targetUserId: userId,
        action: "billing.live_resumed",
        targetType: "subscription",
        targetId: change.subscriptionId,
        metadata: { status: change.status, plan: access.plan.id },
      });
    }
    return;
  }
  const reason = access.reason!.slice(0, 255);
  const ids = await liveSettingIds(userId);
  let paused = 0;
  if (ids.length > 0) {
    const [res] = await db
      .update(tradingSettings)
      .set({ pausedReason: reason, pausedAt: new Date() })
      .where(
        and(
          inArray(tradingSettings.id, ids),
          or(
            isNull(tradingSettings.pausedReason),
            and(billingNotice, ne(tradingSettings.pausedReason, reason)),
          ),
        ),
      );
    paused = res.affectedRows;
  }
  const entered =
    (LIVE_PAUSING_STATUSES as readonly string[]).includes(change.status) &&
    change.prevStatus !== change.status;
  if (entered || paused > 0) {
    await audit({
      actorId: null,
      targetUserId: userId,
      action: "billing.live_paused",
      targetType: "subscription",
      targetId: change.subscriptionId,
      metadata: { status: change.status, plan: access.plan.id, settingsPaused: paused },
    });
  }
  if (paused > 0) await notify({ type: "auto_trade_off", userId, reason: "billing", at: Date.now() });
}
