// GET /api/admin/decisions/[id] — one decision with its full prompt and raw LLM response
import { NextResponse } from "next/server";
import { getDecision } from "@/lib/admin/decision-log";
import { idParams } from "@/lib/api/params";
import { withAdmin } from "@/lib/api/route";

export const GET = withAdmin({ params: idParams }, async ({ params }) => {
  return NextResponse.json({ decision: await getDecision(params.id) });
});
