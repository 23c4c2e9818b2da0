// POST /api/auth/password-reset — { email }: if an account has it, a reset link is emailed. The answer is the same
// whether or not one does (202), so this cannot tell who has an account; limited per IP and per email.
import { NextResponse } from "next/server";
import { requestPasswordReset, RESET_REQUESTED } from "@/lib/account/password";
import { resetRequestSchema } from "@/lib/account/schemas";
import { withPublic } from "@/lib/api/route";
import { limitAuthAttempt, rateLimitedError } from "@/lib/auth/rate-limit";
import { getLogger } from "@/lib/log";

const log = getLogger("auth");

export const POST = withPublic({ body: resetRequestSchema }, async ({ body, ip }) => {
  const limited = await limitAuthAttempt("password-reset", ip, body.email);
  if (!limited.ok) throw rateLimitedError(limited.retryAfter);
  // Not awaited: the answer takes as long whether or not the address has an account.
  requestPasswordReset(body.email).catch((err: unknown) => log.error({ err }, "password reset email failed"));
  return NextResponse.json({ ok: true, message: RESET_REQUESTED }, { status: 202 });
});
