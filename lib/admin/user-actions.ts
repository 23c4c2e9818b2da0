import "server-only";
// Admin actions on one user: suspend (sessions end, auto-trading stops), reactivate, switch auto-trading off.
import { eq, sql } from "drizzle-orm";
import { db } from "@/db";
import { tradingSettings, users } from "@/db/schema";
import { AppError } from "@/lib/api/errors";
import { notify } from "@/lib/notify/notify";
import { bumpSessionEpoch } from "@/lib/auth/session-epoch";
import { auditAdmin, type AdminActor } from "./audit-action";

async function loadTarget(userId: number) {
  const row = await db.query.users.findFirst({
    where: eq(users.id, userId),
    columns: { id: true, email: true, role: true, status: true },
  });
  if (!row) throw new AppError("not_found", "User not found");
  return row;
}

/** Suspend: status suspended, every session revoked, auto-trading off on every symbol — one transaction, audited. */
export async function suspendUser(actor: AdminActor, userId: number, reason?: string): Promise<void> {
  const target = await loadTarget(userId);
  if (target.id === actor.id) throw new AppError("conflict", "You cannot suspend your own account");
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ status: "suspended", sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, userId));
    await tx
      .update(tradingSettings)
      .set({ autoTrade: false, pausedReason: "Account suspended by an operator", pausedAt: new Date() })
      .where(eq(tradingSettings.userId, userId));
    await auditAdmin(
      actor,
      {
        action: "admin.user.suspend",
        targetUserId: userId,
        targetType: "user",
        targetId: userId,
        metadata: { email: target.email, previousStatus: target.status, reason: reason ?? null },
      },
      tx,
    );
  });
  // Cached session checks (lib/auth/session-cache.ts) stop trusting this user's sessions at their next request.
  await bumpSessionEpoch(userId);
  await notify({ type: "auto_trade_off", userId, reason: "suspended", at: Date.now() });
}

/** Reactivate a suspended user (they log in again; auto-trading stays off until they switch it on). */
export async function reactivateUser(actor: AdminActor, userId: number): Promise<void> {
  const target = await loadTarget(userId);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ status: "active" }).where(eq(users.id, userId));
    await auditAdmin(
      actor,
      {
        action: "admin.user.reactivate",
        targetUserId: userId,
        targetType: "user",
        targetId: userId,
        metadata: { email: target.email, previousStatus: target.status },
      },
      tx,
    );
  });
}

/** Switch a user's auto-trading off on every symbol; returns how many settings rows were on. */
export async function switchAutoTradeOff(actor: AdminActor, userId: number): Promise<number> {
  const target = await loadTarget(userId);
  const wasOn = await db.transaction(async (tx) => {
    const on = await tx
      .select({ symbol: tradingSettings.symbol })
      .from(tradingSettings)
      .where(sql`${tradingSettings.userId} = ${userId} and ${tradingSettings.autoTrade} = true`);
    await tx
      .update(tradingSettings)
      .set({ autoTrade: false, pausedReason: "Switched off by an operator", pausedAt: new Date() })
      .where(eq(tradingSettings.userId, userId));
    await auditAdmin(
      actor,
      {
        action: "admin.user.auto_trade_off",
        targetUserId: userId,
        targetType: "user",
        targetId: userId,
        metadata: { email: target.email, symbols: on.map((r) => r.symbol) },
      },
      tx,
    );
    return on.length;
  });
  if (wasOn > 0) await notify({ type: "auto_trade_off", userId, reason: "operator", at: Date.now() });
  return wasOn;
}
