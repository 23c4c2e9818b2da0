// PATCH /api/exchange-keys/[id] — rename an account { label }.
// DELETE /api/exchange-keys/[id] — delete a live account (409 while auto-trading uses it).
import { NextResponse } from "next/server";
import { AppError } from "@/lib/api/errors";
import { apiRoute, readJson } from "@/lib/api/handler";
import { listAccounts } from "@/lib/accounts/exchange-accounts";
import { deleteAccount, renameAccount } from "@/lib/accounts/manage-accounts";
import { parseAccountId, renameSchema } from "@/lib/accounts/schemas";
import { clientIp } from "@/lib/auth/client-ip";
import { requireApiUser } from "@/lib/auth/session";

type Ctx = { params: Promise<{ id: string }> };

async function accountId(ctx: Ctx): Promise<number> {
  const id = parseAccountId((await ctx.params).id);
  if (id === null) throw new AppError("not_found", "Exchange account not found");
  return id;
}

export const PATCH = apiRoute<Ctx>(async (req, ctx) => {
  const user = await requireApiUser();
  const id = await accountId(ctx);
  const { label } = await readJson(req, renameSchema);
  await renameAccount(user, id, label, clientIp(req.headers));
  const account = (await listAccounts(user.id)).find((a) => a.id === id);
  return NextResponse.json({ account });
});

export const DELETE = apiRoute<Ctx>(async (req, ctx) => {
  const user = await requireApiUser();
  await deleteAccount(user, await accountId(ctx), clientIp(req.headers));
  return NextResponse.json({ ok: true });
});
