// POST /api/admin/users/[id]/suspend — suspend: sessions end at the next request, auto-trading stops (audited)
import { NextResponse } from "next/server";
import { z } from "zod";
import { parseId, requireAdminActor } from "@/lib/admin/request";
import { suspendUser } from "@/lib/admin/user-actions";
import { apiRoute, readJson } from "@/lib/api/handler";

const body = z.object({ reason: z.string().trim().max(500).optional() }).strict();

export const POST = apiRoute<{ params: Promise<{ id: string }> }>(async (req, { params }) => {
  const actor = await requireAdminActor(req);
  const id = parseId((await params).id);
  const { reason } = await readJson(req, body);
  await suspendUser(actor, id, reason || undefined);
  return NextResponse.json({ ok: true, status: "suspended" });
});
