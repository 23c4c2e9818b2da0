// POST /api/account/verify-email — send the verification link again (5 per hour); 409 when already verified.
import { NextResponse } from "next/server";
import { sendVerificationEmail } from "@/lib/account/email-verification";
import { AppError } from "@/lib/api/errors";
import { withUser } from "@/lib/api/route";

export const POST = withUser(
  { rateLimit: { name: "verify-email", limit: 5, windowSeconds: 3600 } },
  async ({ user }) => {
    if (user.emailVerifiedAt) throw new AppError("conflict", "Your email address is already verified.");
    const status = await sendVerificationEmail(user);
    return NextResponse.json({ ok: status !== "failed", status });
  },
);
