// GET /api/billing — the signed-in user's plan and subscription status (polled after checkout).
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { requireApiUser } from "@/lib/auth/session";
import { getBillingOverview } from "@/lib/billing/overview";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async () => {
  const user = await requireApiUser();
  return NextResponse.json(await getBillingOverview(user.id), { headers: { "Cache-Control": "no-store" } });
});
