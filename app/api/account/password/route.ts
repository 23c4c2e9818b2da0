// POST /api/account/password — change the password { currentPassword, newPassword }; every other session ends.
import { NextResponse } from "next/server";
import { changePassword } from "@/lib/account/password";
import { changePasswordSchema } from "@/lib/account/schemas";
import { withUser } from "@/lib/api/route";

export const POST = withUser({ body: changePasswordSchema }, async ({ user, body, ip }) => {
  return NextResponse.json(await changePassword(user, body, ip));
});
