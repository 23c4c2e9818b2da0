// POST /api/admin/users/[id]/reactivate — let a suspended user log in again (audited)
import { NextResponse } from "next/server";
import { parseId, requireAdminActor } from "@/lib/admin/request";
import { reactivateUser } from "@/lib/admin/user-actions";
import { apiRoute } from "@/lib/api/handler";

export const POST = apiRoute<{ params: Promise<{ id: string }> }>(async (req, { params }) => {
  const actor = await requireAdminActor(req);
  const id = parseId((await params).id);
  await reactivateUser(actor, id);
  return NextResponse.json({ ok: true, status: "active" });
});
