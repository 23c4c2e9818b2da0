// GET /api/admin/queues — job counts per queue and the latest failed jobs with their errors
import { NextResponse } from "next/server";
import { failedJobs, queueCounts } from "@/lib/admin/queues";
import { requireAdminActor } from "@/lib/admin/request";
import { apiRoute } from "@/lib/api/handler";

export const GET = apiRoute(async (req) => {
  await requireAdminActor(req);
  const [queues, failed] = await Promise.all([queueCounts(), failedJobs()]);
  return NextResponse.json({ queues, failed });
});
