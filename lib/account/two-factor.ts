import "server-only";
// Turning two-factor authentication on and off for the signed-in user, with the audit log, an email to the
// address, and the rule that admins (who must have it) cannot turn it off.
import { AppError } from "@/lib/api/errors";
import { audit } from "@/lib/audit";
import type { CurrentUser } from "@/lib/auth/session-user";
import { revokeOtherSessions } from "@/lib/auth/sessions";
import { confirmEnrollment, removeTwoFactor, verifySecondFactor } from "@/lib/auth/totp";
import { sendMail } from "@/lib/mail/send-mail";

const when = () => new Date().toUTCString();

/** Confirm enrolment with a first code: returns the recovery codes; every other session ends (it had no 2FA). */
export async function enableTwoFactor(user: CurrentUser, code: string, ip: string): Promise<string[]> {
  const codes = await confirmEnrollment(user.id, code);
  await revokeOtherSessions(user.id, user.sessionId);
  await audit({ actorId: user.id, targetUserId: user.id, action: "user.2fa_enable", ip });
  await sendMail({
    to: user.email,
    template: "twoFactorEnabled",
    data: { name: user.name, when: when() },
    userId: user.id,
  });
  return codes;
}

/** Turn 2FA off with a current code (or a recovery code); refused for admins, who must keep it. */
export async function disableTwoFactor(user: CurrentUser, code: string, ip: string): Promise<void> {
  if (!user.totpEnabledAt) throw new AppError("conflict", "Two-factor authentication is already off.");
  if (user.role === "admin")
    throw new AppError("forbidden", "Admins must keep two-factor authentication on.");
  await requireSecondFactor(user, code);
  await removeTwoFactor(user.id);
  await audit({ actorId: user.id, targetUserId: user.id, action: "user.2fa_disable", ip });
  await sendMail({
    to: user.email,
    template: "twoFactorDisabled",
    data: { name: user.name, when: when() },
    userId: user.id,
  });
}

/**
 * Step-up check for sensitive actions (adding or removing a live exchange key, deleting the account): 2FA must be
 * on and `code` must be a current code. 403 when 2FA is off, 400 naming the field when the code is wrong.
 */
export async function requireSecondFactor(
  user: Pick<CurrentUser, "id" | "totpEnabledAt">,
  code: string | undefined,
  what = "do this",
): Promise<void> {
  if (!user.totpEnabledAt)
    throw new AppError("forbidden", `Turn on two-factor authentication (Settings → Security) to ${what}.`);
  if (!code || !(await verifySecondFactor(user.id, code)))
    throw new AppError("bad_request", "Enter the current code from your authenticator app.", {
      fields: { code: code ? "That code is not right (or was already used)" : "Enter your 6-digit code" },
    });
}
