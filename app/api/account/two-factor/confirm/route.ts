// POST /api/account/two-factor/confirm — { code } from the app turns 2FA on; returns the recovery codes, once.
import { NextResponse } from "next/server";
import { codeSchema } from "@/lib/account/schemas";
import { enableTwoFactor } from "@/lib/account/two-factor";
import { withUser } from "@/lib/api/route";

export const POST = withUser(
  { body: codeSchema, rateLimit: { name: "2fa-confirm", limit: 20, windowSeconds: 900 } },
  async ({ user, body, ip }) => {
    const recoveryCodes = await enableTwoFactor(user, body.code, ip);
    return NextResponse.json({ recoveryCodes }, { headers: { "Cache-Control": "no-store" } });
  },
);
