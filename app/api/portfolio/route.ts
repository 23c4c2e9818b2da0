// GET /api/portfolio — the signed-in user's selected account: equity, realised PnL, open position, last price.
import { NextResponse } from "next/server";
import { withUser } from "@/lib/api/route";
import { getPortfolio } from "@/lib/trading/portfolio";

export const dynamic = "force-dynamic";

export const GET = withUser({}, async ({ user }) => NextResponse.json(await getPortfolio(user.id)));
