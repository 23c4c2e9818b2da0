// POST /api/exchange-keys/[id]/reset — reset a paper account: positions closed, balance back to the initial one.
import { NextResponse } from "next/server";
import { AppError } from "@/lib/api/errors";
import { apiRoute } from "@/lib/api/handler";
import { resetPaper } from "@/lib/accounts/manage-accounts";
import { parseAccountId } from "@/lib/accounts/schemas";
import { clientIp } from "@/lib/auth/client-ip";
import { requireApiUser } from "@/lib/auth/session";

type Ctx = { params: Promise<{ id: string }> };

export const POST = apiRoute<Ctx>(async (req, ctx) => {
  const user = await requireApiUser();
  const id = parseAccountId((await ctx.params).id);
  if (id === null) throw new AppError("not_found", "Exchange account not found");
  const balance = await resetPaper(user, id, clientIp(req.headers));
  return NextResponse.json({ balance });
});
