// GET /api/admin/status — feeds, per-symbol decision state, LLM spend, worker heartbeats, queue counts, reconcile
// lag, rate limits and live accounts out of sync
import { NextResponse } from "next/server";
import { queueCounts } from "@/lib/admin/queues";
import { systemStatus } from "@/lib/admin/status";
import { withAdmin } from "@/lib/api/route";

export const GET = withAdmin({}, async () => {
  const [status, queues] = await Promise.all([systemStatus(), queueCounts()]);
  return NextResponse.json({ ...status, queues });
});
