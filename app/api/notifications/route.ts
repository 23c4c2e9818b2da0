// GET /api/notifications — the signed-in user's newest in-app notifications and their unread count (the bell).
import { NextResponse } from "next/server";
import { withUser } from "@/lib/api/route";
import { listNotifications } from "@/lib/notify/inbox";

export const dynamic = "force-dynamic";

export const GET = withUser({}, async ({ user }) => NextResponse.json(await listNotifications(user.id)));
