import "server-only";
// Deleting an account: the password (and a current 2FA code when on) confirms it; the last admin and an account
// with a running paid subscription are refused with the reason. Every row of the user goes (foreign keys cascade;
// the audit log keeps its entries with the user's id cleared), sessions end, and the address gets a goodbye email.
import { and, eq, inArray, ne } from "drizzle-orm";
import { db } from "@/db";
import { auditLog, subscriptions, users } from "@/db/schema";
import { AppError } from "@/lib/api/errors";
import { verifyPassword } from "@/lib/auth/password";
import { hit, rateLimitedError } from "@/lib/auth/rate-limit";
import { bumpSessionEpoch } from "@/lib/auth/session-epoch";
import type { CurrentUser } from "@/lib/auth/session-user";
import { sendMail } from "@/lib/mail/send-mail";
import { requireSecondFactor } from "./two-factor";

const RUNNING = ["trialing", "active", "past_due", "unpaid", "paused"] as const;

/** Delete the signed-in user's account for good. */
export async function deleteAccount(
  user: CurrentUser,
  input: { password: string; code?: string },
  ip: string,
): Promise<void> {
  const limited = await hit(`account-delete:user:${user.id}`, 10, 900);
  if (!limited.ok) throw rateLimitedError(limited.retryAfter);
  const row = await db.query.users.findFirst({
    where: eq(users.id, user.id),
    columns: { passwordHash: true },
  });
  if (!(await verifyPassword(row?.passwordHash ?? null, input.password)))
    throw new AppError("bad_request", "Your password is not right.", {
      fields: { password: "Your password is not right" },
    });
  if (user.totpEnabledAt) await requireSecondFactor(user, input.code, "delete your account");
  if (user.role === "admin") {
    const others = await db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.role, "admin"), eq(users.status, "active"), ne(users.id, user.id)))
      .limit(1);
    if (others.length === 0)
      throw new AppError(
        "conflict",
        "You are the only admin. Make someone else an admin before deleting this account.",
      );
  }
  const running = await db
    .select({ id: subscriptions.id })
    .from(subscriptions)
    .where(and(eq(subscriptions.userId, user.id), inArray(subscriptions.status, [...RUNNING])))
    .limit(1);
  if (running.length > 0)
    throw new AppError(
      "conflict",
      "Cancel your subscription on the Billing page first, so you are not charged again.",
    );
  await db.transaction(async (tx) => {
    // Recorded before the row goes: the entry outlives the user (its user ids become null).
    await tx.insert(auditLog).values({
      actorId: user.id,
      targetUserId: user.id,
      action: "user.delete",
      ip,
      metadata: { userId: user.id },
    });
    await tx.delete(users).where(eq(users.id, user.id));
  });
  await bumpSessionEpoch(user.id);
  await sendMail({ to: user.email, template: "accountDeleted", data: { name: user.name } });
}
