// GET /api/settings — the signed-in user's trading settings. PUT — validated partial update: every bad field (plan
// limits included) in one 400, each message naming the field's label and unit; nothing saved.
import { NextResponse } from "next/server";
import { z } from "zod";
import { withUser } from "@/lib/api/route";
import { planFor } from "@/lib/billing/limits";
import { getSettings, parseSettingsInput, settingsView, updateSettings } from "@/lib/trading/settings";

export const GET = withUser({}, async ({ user }) => {
  const { plan } = await planFor(user);
  return NextResponse.json({ settings: settingsView(await getSettings(user.id)), plan });
});

export const PUT = withUser({ body: z.unknown() }, async ({ user, body }) => {
  const { plan } = await planFor(user);
  const saved = await updateSettings(user.id, parseSettingsInput(body, plan), plan);
  return NextResponse.json({ settings: settingsView(saved) });
});
