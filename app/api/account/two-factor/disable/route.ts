// POST /api/account/two-factor/disable — { code } turns 2FA off (refused for admins, who must keep it).
import { NextResponse } from "next/server";
import { codeSchema } from "@/lib/account/schemas";
import { disableTwoFactor } from "@/lib/account/two-factor";
import { withUser } from "@/lib/api/route";

export const POST = withUser(
  { body: codeSchema, rateLimit: { name: "2fa-disable", limit: 10, windowSeconds: 900 } },
  async ({ user, body, ip }) => {
    await disableTwoFactor(user, body.code, ip);
    return NextResponse.json({ ok: true });
  },
);
