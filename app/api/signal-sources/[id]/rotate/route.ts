// POST /api/signal-sources/[id]/rotate — a new token for a source: the old URL stops working at once; the new URL
// is in the answer, the only time it is shown.
import { NextResponse } from "next/server";
import { idParams } from "@/lib/api/params";
import { withUser } from "@/lib/api/route";
import { signalsPlanRefusal } from "@/lib/signals/schemas";
import { rotateSource } from "@/lib/signals/sources";

export const POST = withUser({ params: idParams, plan: signalsPlanRefusal }, async ({ user, params, ip }) =>
  NextResponse.json(await rotateSource({ id: user.id, ip }, params.id)),
);
