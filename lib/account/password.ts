import "server-only";
// Changing a password (signed in: the current one first; every other session ends) and resetting a forgotten one
// (an emailed single-use link that expires; every session ends). Both notify the address by email.
import { eq, sql } from "drizzle-orm";
import { db } from "@/db";
import { users } from "@/db/schema";
import { AppError } from "@/lib/api/errors";
import { audit } from "@/lib/audit";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { hit, rateLimitedError } from "@/lib/auth/rate-limit";
import type { CurrentUser } from "@/lib/auth/session-user";
import { revokeOtherSessions } from "@/lib/auth/sessions";
import { env } from "@/lib/env";
import { sendMail } from "@/lib/mail/send-mail";
import { consumeToken, issueToken } from "./tokens";

/** What every reset request hears, whether or not the address has an account. */
export const RESET_REQUESTED = "If an account uses that address, we sent it a link to reset the password.";

/** How long a reset link works. */
export const RESET_TTL_MINUTES = 60;
const when = () => new Date().toUTCString();

/** Change the password of the signed-in user; other sessions end, this one stays. */
export async function changePassword(
  user: CurrentUser,
  input: { currentPassword: string; newPassword: string },
  ip: string,
): Promise<{ otherSessionsEnded: number }> {
  const limited = await hit(`password-change:user:${user.id}`, 10, 900);
  if (!limited.ok) throw rateLimitedError(limited.retryAfter);
  const row = await db.query.users.findFirst({
    where: eq(users.id, user.id),
    columns: { passwordHash: true },
  });
  if (!(await verifyPassword(row?.passwordHash ?? null, input.currentPassword)))
    throw new AppError("bad_request", "Your current password is not right.", {
      fields: { currentPassword: "Your current password is not right" },
    });
  if (input.currentPassword === input.newPassword)
    throw new AppError("bad_request", "Choose a password you have not been using.", {
      fields: { newPassword: "Choose a different password" },
    });
  await db
    .update(users)
    .set({ passwordHash: await hashPassword(input.newPassword), passwordChangedAt: new Date() })
    .where(eq(users.id, user.id));
  const ended = await revokeOtherSessions(user.id, user.sessionId);
  await audit({
    actorId: user.id,
    targetUserId: user.id,
    action: "user.password_change",
    ip,
    metadata: { ended },
  });
  await sendMail({
    to: user.email,
    template: "passwordChanged",
    data: { name: user.name, when: when(), ip },
    userId: user.id,
  });
  return { otherSessionsEnded: ended };
}

/** Email a reset link if an active account has this address; the caller answers the same either way. */
export async function requestPasswordReset(email: string): Promise<void> {
  const user = await db.query.users.findFirst({
    where: eq(users.email, email),
    columns: { id: true, email: true, name: true, status: true },
  });
  if (!user || user.status !== "active") return;
  const token = await issueToken(user.id, "reset_password", user.email, RESET_TTL_MINUTES);
  await sendMail({
    to: user.email,
    template: "resetPassword",
    data: {
      name: user.name,
      url: `${env.APP_URL}/reset-password?token=${token}`,
      expiresMinutes: RESET_TTL_MINUTES,
    },
    userId: user.id,
  });
}

/** Set a new password with a reset link; every session ends. False when the link is used, expired or unknown. */
export async function resetPassword(token: unknown, newPassword: string, ip: string): Promise<boolean> {
  const passwordHash = await hashPassword(newPassword);
  const row = await consumeToken(token, "reset_password");
  if (!row) return false;
  const user = await db.query.users.findFirst({ where: eq(users.id, row.userId) });
  if (!user || user.status !== "active" || user.email !== row.email) return false;
  await db
    .update(users)
    .set({
      passwordHash,
      passwordChangedAt: new Date(),
      sessionVersion: sql`${users.sessionVersion} + 1`,
      // The link reached this address: it is the owner's.
      emailVerifiedAt: user.emailVerifiedAt ?? new Date(),
    })
    .where(eq(users.id, user.id));
  await revokeOtherSessions(user.id, null);
  await audit({ actorId: user.id, targetUserId: user.id, action: "user.password_reset", ip });
  await sendMail({
    to: user.email,
    template: "passwordChanged",
    data: { name: user.name, when: when(), ip },
    userId: user.id,
  });
  return true;
}
