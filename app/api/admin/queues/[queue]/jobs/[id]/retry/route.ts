// POST /api/admin/queues/[queue]/jobs/[id]/retry — move a failed job back to waiting (audited)
import { NextResponse } from "next/server";
import { z } from "zod";
import { retryFailedJob } from "@/lib/admin/queues";
import { withAdmin } from "@/lib/api/route";

const params = z.object({
  queue: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  id: z.string().regex(/^[A-Za-z0-9_.-]{1,128}$/),
});

export const POST = withAdmin({ params }, async ({ actor, params: { queue, id } }) => {
  await retryFailedJob(actor, queue, id);
  return NextResponse.json({ ok: true });
});
