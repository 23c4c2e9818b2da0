// POST /api/admin/users/[id]/auto-trade-off — switch the user's auto-trading off on every symbol (audited)
import { NextResponse } from "next/server";
import { parseId, requireAdminActor } from "@/lib/admin/request";
import { switchAutoTradeOff } from "@/lib/admin/user-actions";
import { apiRoute } from "@/lib/api/handler";

export const POST = apiRoute<{ params: Promise<{ id: string }> }>(async (req, { params }) => {
  const actor = await requireAdminActor(req);
  const id = parseId((await params).id);
  const switchedOff = await switchAutoTradeOff(actor, id);
  return NextResponse.json({ ok: true, switchedOff });
});
