// GET /api/exchange-keys — the user's exchange accounts, masked.
// POST /api/exchange-keys — validate a key pair with the exchange, then store it encrypted; 201 with the masked account.
import { NextResponse } from "next/server";
import { connectKeySchema } from "@/lib/accounts/schemas";
import { listAccounts } from "@/lib/accounts/exchange-accounts";
import { connectAccount } from "@/lib/accounts/manage-accounts";
import { ensurePaperAccount } from "@/lib/accounts/paper-account";
import { apiRoute, readJson } from "@/lib/api/handler";
import { clientIp } from "@/lib/auth/client-ip";
import { requireApiUser } from "@/lib/auth/session";

export const GET = apiRoute(async () => {
  const user = await requireApiUser();
  await ensurePaperAccount(user.id);
  return NextResponse.json({ accounts: await listAccounts(user.id) });
});

export const POST = apiRoute(async (req) => {
  const user = await requireApiUser();
  const input = await readJson(req, connectKeySchema);
  const id = await connectAccount(user, input, clientIp(req.headers));
  const account = (await listAccounts(user.id)).find((a) => a.id === id);
  return NextResponse.json({ account }, { status: 201 });
});
