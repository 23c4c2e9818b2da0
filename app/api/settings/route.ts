// GET /api/settings — the signed-in user's trading settings. PUT — validated partial update (400 naming the field).
import { NextResponse } from "next/server";
import { withUser } from "@/lib/api/route";
import { planFor } from "@/lib/billing/limits";
import { getSettings, settingsInput, settingsView, updateSettings } from "@/lib/trading/settings";

export const GET = withUser({}, async ({ user }) => {
  const { plan } = await planFor(user);
  return NextResponse.json({ settings: settingsView(await getSettings(user.id)), plan });
});

export const PUT = withUser({ body: settingsInput }, async ({ user, body }) => {
  const saved = await updateSettings(user.id, body, (await planFor(user)).plan);
  return NextResponse.json({ settings: settingsView(saved) });
});
