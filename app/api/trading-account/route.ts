// PUT /api/trading-account — pick the account auto-trading uses { accountId }; 404 for another user's account.
import { NextResponse } from "next/server";
import { selectTradingAccount } from "@/lib/accounts/manage-accounts";
import { selectAccountSchema } from "@/lib/accounts/schemas";
import { withUser } from "@/lib/api/route";

export const PUT = withUser({ body: selectAccountSchema }, async ({ user, body: { accountId }, ip }) => {
  await selectTradingAccount(user, accountId, ip);
  return NextResponse.json({ accountId });
});
