// POST /api/admin/users/[id]/suspend — suspend: sessions end at the next request, auto-trading stops (audited)
import { NextResponse } from "next/server";
import { z } from "zod";
import { suspendUser } from "@/lib/admin/user-actions";
import { idParams } from "@/lib/api/params";
import { withAdmin } from "@/lib/api/route";

const body = z.object({ reason: z.string().trim().max(500).optional() }).strict();

export const POST = withAdmin({ params: idParams, body }, async ({ actor, params, body: { reason } }) => {
  await suspendUser(actor, params.id, reason || undefined);
  return NextResponse.json({ ok: true, status: "suspended" });
});
