// POST /api/admin/users/[id]/auto-trade-off — switch the user's auto-trading off on every symbol (audited)
import { NextResponse } from "next/server";
import { switchAutoTradeOff } from "@/lib/admin/user-actions";
import { idParams } from "@/lib/api/params";
import { withAdmin } from "@/lib/api/route";

export const POST = withAdmin({ params: idParams }, async ({ actor, params }) => {
  const switchedOff = await switchAutoTradeOff(actor, params.id);
  return NextResponse.json({ ok: true, switchedOff });
});
