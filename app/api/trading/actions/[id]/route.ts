// GET /api/trading/actions/[id] — how a manual action of the signed-in user went (queued, done, failed, and
// what happened); another user's action is a 404.
import { NextResponse } from "next/server";
import { z } from "zod";
import { withUser } from "@/lib/api/route";
import { getManualAction } from "@/lib/execution/manual-actions";

const params = z.object({ id: z.coerce.number().int().positive() });

export const GET = withUser({ params }, async ({ user, params: { id } }) => {
  return NextResponse.json({ action: await getManualAction(user.id, id) });
});
