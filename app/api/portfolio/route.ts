// GET /api/portfolio — the signed-in user's selected account: equity, realised PnL, open position, last price.
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { requireApiUser } from "@/lib/auth/session";
import { getPortfolio } from "@/lib/trading/portfolio";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async () => {
  const user = await requireApiUser();
  return NextResponse.json(await getPortfolio(user.id));
});
