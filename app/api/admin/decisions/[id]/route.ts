// GET /api/admin/decisions/[id] — one decision with its full prompt and raw LLM response
import { NextResponse } from "next/server";
import { getDecision } from "@/lib/admin/decision-log";
import { parseId, requireAdminActor } from "@/lib/admin/request";
import { apiRoute } from "@/lib/api/handler";

export const GET = apiRoute<{ params: Promise<{ id: string }> }>(async (req, { params }) => {
  await requireAdminActor(req);
  return NextResponse.json({ decision: await getDecision(parseId((await params).id)) });
});
