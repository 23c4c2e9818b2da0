// GET /api/decision-schedule — the next tick time, the tick interval and the deciding provider/model.
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { requireApiUser } from "@/lib/auth/session";
import { decisionSchedule } from "@/lib/trading/decision-schedule";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async () => {
  await requireApiUser();
  return NextResponse.json(await decisionSchedule());
});
