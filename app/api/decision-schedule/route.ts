// GET /api/decision-schedule — the next tick time, the tick interval and the deciding provider/model.
import { NextResponse } from "next/server";
import { withUser } from "@/lib/api/route";
import { decisionSchedule } from "@/lib/trading/decision-schedule";

export const dynamic = "force-dynamic";

export const GET = withUser({}, async () => NextResponse.json(await decisionSchedule()));
