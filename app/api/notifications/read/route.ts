// POST /api/notifications/read — mark the user's notifications read: { ids: [...] } or { all: true }.
import { NextResponse } from "next/server";
import { z } from "zod";
import { withUser } from "@/lib/api/route";
import { markRead } from "@/lib/notify/inbox";

const body = z.union([
  z.object({ all: z.literal(true) }).strict(),
  z
    .object({
      ids: z
        .array(z.number().int().positive(), { error: "Notifications must be a list of notification ids" })
        .min(1, "Notifications: pick at least one")
        .max(100, "Notifications: at most 100 at once"),
    })
    .strict(),
]);

export const POST = withUser({ body }, async ({ user, body }) => {
  const changed = await markRead(user.id, "all" in body ? "all" : body.ids);
  return NextResponse.json({ changed });
});
