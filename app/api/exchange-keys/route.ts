// GET /api/exchange-keys — the user's exchange accounts, masked.
// POST /api/exchange-keys — validate a key pair with the exchange, then store it encrypted; 201 with the masked account.
// Needs a verified email address and a current two-factor code ({ …, code }).
// Each check calls the exchange, so a user gets EXCHANGE_KEY_CHECKS_PER_HOUR of them (429 with Retry-After after).
import { NextResponse } from "next/server";
import { connectKeySchema } from "@/lib/accounts/schemas";
import { listAccounts } from "@/lib/accounts/exchange-accounts";
import { connectAccount } from "@/lib/accounts/manage-accounts";
import { ensurePaperAccount } from "@/lib/accounts/paper-account";
import { withUser } from "@/lib/api/route";
import { env } from "@/lib/env";

export const GET = withUser({}, async ({ user }) => {
  await ensurePaperAccount(user.id);
  return NextResponse.json({ accounts: await listAccounts(user.id) });
});

export const POST = withUser(
  {
    body: connectKeySchema,
    rateLimit: { name: "exchange-keys", limit: () => env.EXCHANGE_KEY_CHECKS_PER_HOUR, windowSeconds: 3600 },
    // A plan (and subscription) without live trading cannot connect a live key at all.
    plan: (access) =>
      access.liveTradingAllowed && access.plan.maxLiveAccounts > 0
        ? null
        : (access.reason ??
          `The ${access.plan.name} plan trades on the paper exchange only. Upgrade to connect an exchange account.`),
  },
  async ({ user, body, ip }) => {
    const id = await connectAccount(user, body, ip);
    const account = (await listAccounts(user.id)).find((a) => a.id === id);
    return NextResponse.json({ account }, { status: 201 });
  },
);
