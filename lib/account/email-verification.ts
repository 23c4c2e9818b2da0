import "server-only";
// Email verification: a link sent at sign-up (and on request) proves the address; a live exchange key needs it.
import { eq } from "drizzle-orm";
import { db } from "@/db";
import { users } from "@/db/schema";
import { audit } from "@/lib/audit";
import { env } from "@/lib/env";
import { sendMail, type MailStatus } from "@/lib/mail/send-mail";
import { consumeToken, issueToken } from "./tokens";

const TTL_MINUTES = 24 * 60;

/** Send (or resend) the verification link to the user's current address. */
export async function sendVerificationEmail(user: { id: number; email: string; name: string | null }) {
  const token = await issueToken(user.id, "verify_email", user.email, TTL_MINUTES);
  const url = `${env.APP_URL}/verify-email?token=${token}`;
  return sendMail({
    to: user.email,
    template: "verifyEmail",
    data: { name: user.name, url },
    userId: user.id,
  });
}

/** The outcome of following a verification link. */
export type VerifyOutcome = "verified" | "invalid";

/** Follow a verification link: the address it was sent to is verified, once. */
export async function verifyEmailToken(token: unknown, ip: string): Promise<VerifyOutcome> {
  const row = await consumeToken(token, "verify_email");
  if (!row) return "invalid";
  const user = await db.query.users.findFirst({ where: eq(users.id, row.userId), columns: { email: true } });
  // A link sent to an address the account no longer has proves nothing about the current one.
  if (!user || user.email !== row.email) return "invalid";
  await db.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, row.userId));
  await audit({ actorId: row.userId, targetUserId: row.userId, action: "user.email_verified", ip });
  return "verified";
}

export type { MailStatus };
