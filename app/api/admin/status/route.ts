// GET /api/admin/status — feeds, per-symbol decision state, LLM spend, worker heartbeats, queue counts
import { NextResponse } from "next/server";
import { queueCounts } from "@/lib/admin/queues";
import { requireAdminActor } from "@/lib/admin/request";
import { systemStatus } from "@/lib/admin/status";
import { apiRoute } from "@/lib/api/handler";

export const GET = apiRoute(async (req) => {
  await requireAdminActor(req);
  const [status, queues] = await Promise.all([systemStatus(), queueCounts()]);
  return NextResponse.json({ ...status, queues });
});
