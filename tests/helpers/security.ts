// Test helpers for the account lifecycle: a user with a verified email and two-factor authentication on (a known
// TOTP secret, stored the way enrolment stores it), codes from that secret, and a real server-side session.
import { eq } from "drizzle-orm";
import { generate, generateSecret } from "otplib";
import { db } from "@/db";
import { users } from "@/db/schema";
import { createSession } from "@/lib/auth/sessions";
import { encryptSecret } from "@/lib/crypto/vault";

/** Verify the user's email and turn 2FA on with a fresh secret; `code()` gives a current code. */
export async function secureUser(userId: number) {
  const secret = generateSecret();
  await db
    .update(users)
    .set({
      emailVerifiedAt: new Date(),
      totpSecretEnc: encryptSecret(secret, `users/${userId}/totp`),
      totpEnabledAt: new Date(),
      totpLastStep: null,
    })
    .where(eq(users.id, userId));
  return {
    secret,
    /**
     * A code the server accepts now. Each code works once, so by default the last accepted step is forgotten
     * first (tests make several step-up calls within one 30-second window).
     */
    async code(opts: { keepReplayGuard?: boolean } = {}): Promise<string> {
      if (!opts.keepReplayGuard)
        await db.update(users).set({ totpLastStep: null }).where(eq(users.id, userId));
      return generate({ secret });
    },
  };
}

/** A server-side session for the user, as a login makes one; returns its id. */
export function sessionFor(userId: number): Promise<string> {
  return createSession(userId, { ip: "127.0.0.1", userAgent: "vitest" });
}

/** The Auth.js session object for a user (what `auth()` returns), with a real session row behind it. */
export async function authSession(user: { id: number; sessionVersion: number; sessionId?: string }) {
  const sessionId = user.sessionId ?? (await sessionFor(user.id));
  return { user: { id: String(user.id) }, sessionVersion: user.sessionVersion, sessionId };
}
