// PATCH /api/exchange-keys/[id] — rename an account { label }.
// DELETE /api/exchange-keys/[id] — delete a live account { code } (2FA code; 409 while auto-trading uses it).
import { NextResponse } from "next/server";
import { listAccounts } from "@/lib/accounts/exchange-accounts";
import { deleteAccount, renameAccount } from "@/lib/accounts/manage-accounts";
import { removeKeySchema, renameSchema } from "@/lib/accounts/schemas";
import { idParams } from "@/lib/api/params";
import { withUser } from "@/lib/api/route";

export const PATCH = withUser(
  { params: idParams, body: renameSchema },
  async ({ user, params, body, ip }) => {
    await renameAccount(user, params.id, body.label, ip);
    const account = (await listAccounts(user.id)).find((a) => a.id === params.id);
    return NextResponse.json({ account });
  },
);

export const DELETE = withUser(
  { params: idParams, body: removeKeySchema },
  async ({ user, params, body, ip }) => {
    await deleteAccount(user, params.id, ip, body.code);
    return NextResponse.json({ ok: true });
  },
);
