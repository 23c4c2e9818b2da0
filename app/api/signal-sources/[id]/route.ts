// PATCH /api/signal-sources/[id] — rename a source { name }.
// DELETE /api/signal-sources/[id] — revoke a source: its URL answers 404 from now on.
import { NextResponse } from "next/server";
import { idParams } from "@/lib/api/params";
import { withUser } from "@/lib/api/route";
import { sourceNameSchema } from "@/lib/signals/schemas";
import { renameSource, revokeSource } from "@/lib/signals/sources";

export const PATCH = withUser(
  { params: idParams, body: sourceNameSchema },
  async ({ user, params, body, ip }) => {
    const source = await renameSource({ id: user.id, ip }, params.id, body.name);
    return NextResponse.json({ source });
  },
);

export const DELETE = withUser({ params: idParams }, async ({ user, params, ip }) => {
  await revokeSource({ id: user.id, ip }, params.id);
  return NextResponse.json({ ok: true });
});
