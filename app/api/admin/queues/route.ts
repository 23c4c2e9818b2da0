// GET /api/admin/queues — job counts per queue and the latest failed jobs with their errors
import { NextResponse } from "next/server";
import { failedJobs, queueCounts } from "@/lib/admin/queues";
import { withAdmin } from "@/lib/api/route";

export const GET = withAdmin({}, async () => {
  const [queues, failed] = await Promise.all([queueCounts(), failedJobs()]);
  return NextResponse.json({ queues, failed });
});
