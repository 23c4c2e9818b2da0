// POST /api/auth/password-reset/confirm — { token, password }: set a new password with an emailed link (works once,
// expires); every session ends. 400 when the link is used, expired or unknown.
import { NextResponse } from "next/server";
import { resetPassword } from "@/lib/account/password";
import { resetConfirmSchema } from "@/lib/account/schemas";
import { AppError } from "@/lib/api/errors";
import { withPublic } from "@/lib/api/route";

export const POST = withPublic(
  { body: resetConfirmSchema, rateLimit: { name: "password-reset-confirm", limit: 20, windowSeconds: 900 } },
  async ({ body, ip }) => {
    if (!(await resetPassword(body.token, body.password, ip)))
      throw new AppError(
        "bad_request",
        "This reset link has expired or was already used. Ask for a new one.",
      );
    return NextResponse.json({ ok: true });
  },
);
