// GET /api/billing — the signed-in user's plan and subscription status (polled after checkout).
import { NextResponse } from "next/server";
import { withUser } from "@/lib/api/route";
import { getBillingOverview } from "@/lib/billing/overview";

export const dynamic = "force-dynamic";

export const GET = withUser({}, async ({ user }) => {
  return NextResponse.json(await getBillingOverview(user.id), { headers: { "Cache-Control": "no-store" } });
});
