// GET /api/settings — the signed-in user's trading settings. PUT — validated partial update (400 naming the field).
import { NextResponse } from "next/server";
import { apiRoute, readJson } from "@/lib/api/handler";
import { requireApiUser } from "@/lib/auth/session";
import { planFor } from "@/lib/billing/limits";
import { getSettings, settingsInput, settingsView, updateSettings } from "@/lib/trading/settings";

export const GET = apiRoute(async () => {
  const user = await requireApiUser();
  const { plan } = await planFor(user);
  return NextResponse.json({ settings: settingsView(await getSettings(user.id)), plan });
});

export const PUT = apiRoute(async (req) => {
  const user = await requireApiUser();
  const input = await readJson(req, settingsInput);
  const saved = await updateSettings(user.id, input, (await planFor(user)).plan);
  return NextResponse.json({ settings: settingsView(saved) });
});
