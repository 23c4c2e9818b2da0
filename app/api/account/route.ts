// DELETE /api/account — delete the signed-in user's account { password, code?, confirm: "DELETE" }; 200, or 400/409.
import { NextResponse } from "next/server";
import { deleteAccount } from "@/lib/account/delete-account";
import { deleteAccountSchema } from "@/lib/account/schemas";
import { withUser } from "@/lib/api/route";

export const DELETE = withUser({ body: deleteAccountSchema }, async ({ user, body, ip }) => {
  await deleteAccount(user, body, ip);
  return NextResponse.json({ ok: true });
});
