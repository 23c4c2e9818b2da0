// POST /api/admin/queues/[queue]/jobs/[id]/retry — move a failed job back to waiting (audited)
import { NextResponse } from "next/server";
import { retryFailedJob } from "@/lib/admin/queues";
import { requireAdminActor } from "@/lib/admin/request";
import { AppError } from "@/lib/api/errors";
import { apiRoute } from "@/lib/api/handler";

export const POST = apiRoute<{ params: Promise<{ queue: string; id: string }> }>(async (req, { params }) => {
  const actor = await requireAdminActor(req);
  const { queue, id } = await params;
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(queue) || !/^[A-Za-z0-9_.-]{1,128}$/.test(id)) {
    throw new AppError("not_found", "Job not found");
  }
  await retryFailedJob(actor, queue, id);
  return NextResponse.json({ ok: true });
});
