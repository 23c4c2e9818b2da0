// POST /api/account/two-factor/setup — start enrolment: a new secret with its otpauth:// URI and QR code (SVG).
import { NextResponse } from "next/server";
import { withUser } from "@/lib/api/route";
import { startEnrollment } from "@/lib/auth/totp";

export const POST = withUser(
  { rateLimit: { name: "2fa-setup", limit: 20, windowSeconds: 3600 } },
  async ({ user }) => {
    const { secret, uri, qrSvg } = await startEnrollment(user);
    return NextResponse.json({ secret, uri, qrSvg }, { headers: { "Cache-Control": "no-store" } });
  },
);
