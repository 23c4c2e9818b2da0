// POST /api/exchange-keys/[id]/reset — reset a paper account: positions closed, balance back to the initial one.
import { NextResponse } from "next/server";
import { resetPaper } from "@/lib/accounts/manage-accounts";
import { idParams } from "@/lib/api/params";
import { withUser } from "@/lib/api/route";

export const POST = withUser({ params: idParams }, async ({ user, params, ip }) => {
  const balance = await resetPaper(user, params.id, ip);
  return NextResponse.json({ balance });
});
