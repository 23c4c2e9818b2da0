import "server-only";
// "Download my data": everything Tickpilot stores about the signed-in user as one JSON document — profile,
// settings, exchange accounts (masked: never a key), orders, positions, subscriptions, sessions, security events
// emails sent, and signal sources (masked) with the signals they received. Secrets (password hash, 2FA secret, key ciphertexts, token hashes) are never part of it.
import { desc, eq, or } from "drizzle-orm";
import { db } from "@/db";
import {
  auditLog,
  exchangeAccounts,
  mailMessages,
  orders,
  positions,
  signals,
  subscriptions,
  tradingSettings,
  userSessions,
  users,
} from "@/db/schema";
import { ACCOUNT_SAFE_COLUMNS } from "@/lib/accounts/exchange-accounts";
import { AppError } from "@/lib/api/errors";
import { listSources, sourceView } from "@/lib/signals/sources";

/** The export document of one user. */
export async function exportUserData(userId: number) {
  const user = await db.query.users.findFirst({
    where: eq(users.id, userId),
    columns: { passwordHash: false, totpSecretEnc: false, totpLastStep: false, sessionVersion: false },
  });
  if (!user) throw new AppError("not_found", "Account not found");
  const [settings, accounts, orderRows, positionRows, subs, sessions, events, mails, sources, signalRows] =
    await Promise.all([
      db.select().from(tradingSettings).where(eq(tradingSettings.userId, userId)),
      db.select(ACCOUNT_SAFE_COLUMNS).from(exchangeAccounts).where(eq(exchangeAccounts.userId, userId)),
      db.select().from(orders).where(eq(orders.userId, userId)).orderBy(desc(orders.id)),
      db.select().from(positions).where(eq(positions.userId, userId)).orderBy(desc(positions.id)),
      db.select().from(subscriptions).where(eq(subscriptions.userId, userId)),
      db
        .select({
          createdAt: userSessions.createdAt,
          lastSeenAt: userSessions.lastSeenAt,
          revokedAt: userSessions.revokedAt,
          ip: userSessions.ip,
          userAgent: userSessions.userAgent,
        })
        .from(userSessions)
        .where(eq(userSessions.userId, userId)),
      db
        .select({
          action: auditLog.action,
          createdAt: auditLog.createdAt,
          ip: auditLog.ip,
          targetType: auditLog.targetType,
          targetId: auditLog.targetId,
          metadata: auditLog.metadata,
        })
        .from(auditLog)
        .where(or(eq(auditLog.actorId, userId), eq(auditLog.targetUserId, userId)))
        .orderBy(desc(auditLog.id)),
      db
        .select({
          template: mailMessages.template,
          subject: mailMessages.subject,
          status: mailMessages.status,
          createdAt: mailMessages.createdAt,
        })
        .from(mailMessages)
        .where(eq(mailMessages.userId, userId)),
      listSources(userId),
      db.select().from(signals).where(eq(signals.userId, userId)).orderBy(desc(signals.id)),
    ]);
  return {
    exportedAt: new Date().toISOString(),
    format: "tickpilot-export/1",
    profile: { ...user, twoFactorEnabled: user.totpEnabledAt !== null },
    tradingSettings: settings,
    exchangeAccounts: accounts,
    orders: orderRows,
    positions: positionRows,
    subscriptions: subs,
    sessions,
    securityEvents: events,
    emails: mails,
    signalSources: sources.map(sourceView),
    signals: signalRows,
  };
}
