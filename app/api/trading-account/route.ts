// PUT /api/trading-account — pick the account auto-trading uses { accountId }; 404 for another user's account.
import { NextResponse } from "next/server";
import { apiRoute, readJson } from "@/lib/api/handler";
import { selectTradingAccount } from "@/lib/accounts/manage-accounts";
import { selectAccountSchema } from "@/lib/accounts/schemas";
import { clientIp } from "@/lib/auth/client-ip";
import { requireApiUser } from "@/lib/auth/session";

export const PUT = apiRoute(async (req) => {
  const user = await requireApiUser();
  const { accountId } = await readJson(req, selectAccountSchema);
  await selectTradingAccount(user, accountId, clientIp(req.headers));
  return NextResponse.json({ accountId });
});
