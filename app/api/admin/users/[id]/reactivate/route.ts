// POST /api/admin/users/[id]/reactivate — let a suspended user log in again (audited)
import { NextResponse } from "next/server";
import { reactivateUser } from "@/lib/admin/user-actions";
import { idParams } from "@/lib/api/params";
import { withAdmin } from "@/lib/api/route";

export const POST = withAdmin({ params: idParams }, async ({ actor, params }) => {
  await reactivateUser(actor, params.id);
  return NextResponse.json({ ok: true, status: "active" });
});
