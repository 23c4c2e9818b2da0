// GET /api/exchange-keys — the user's exchange accounts, masked.
// POST /api/exchange-keys — validate a key pair with the exchange, then store it encrypted; 201 with the masked account.
// Each check calls the exchange, so a user gets EXCHANGE_KEY_CHECKS_PER_HOUR of them (429 with Retry-After after).
import { NextResponse } from "next/server";
import { connectKeySchema } from "@/lib/accounts/schemas";
import { listAccounts } from "@/lib/accounts/exchange-accounts";
import { connectAccount } from "@/lib/accounts/manage-accounts";
import { ensurePaperAccount } from "@/lib/accounts/paper-account";
import { apiRoute, readJson } from "@/lib/api/handler";
import { hit, rateLimitedError } from "@/lib/auth/rate-limit";
import { clientIp } from "@/lib/auth/client-ip";
import { requireApiUser } from "@/lib/auth/session";
import { env } from "@/lib/env";

export const GET = apiRoute(async () => {
  const user = await requireApiUser();
  await ensurePaperAccount(user.id);
  return NextResponse.json({ accounts: await listAccounts(user.id) });
});

export const POST = apiRoute(async (req) => {
  const user = await requireApiUser();
  const input = await readJson(req, connectKeySchema);
  const limited = await hit(`exchange-keys:user:${user.id}`, env.EXCHANGE_KEY_CHECKS_PER_HOUR, 3600);
  if (!limited.ok) throw rateLimitedError(limited.retryAfter);
  const id = await connectAccount(user, input, clientIp(req.headers));
  const account = (await listAccounts(user.id)).find((a) => a.id === id);
  return NextResponse.json({ account }, { status: 201 });
});
