// GET /api/settings — the signed-in user's trading settings. PUT — validated partial update (400 naming the field).
import { NextResponse } from "next/server";
import { apiRoute, readJson } from "@/lib/api/handler";
import { requireApiUser } from "@/lib/auth/session";
import { effectivePlan } from "@/lib/billing/effective-plan";
import { getSettings, settingsInput, settingsView, updateSettings } from "@/lib/trading/settings";

export const GET = apiRoute(async () => {
  const user = await requireApiUser();
  return NextResponse.json({
    settings: settingsView(await getSettings(user.id)),
    plan: effectivePlan(user.plan),
  });
});

export const PUT = apiRoute(async (req) => {
  const user = await requireApiUser();
  const input = await readJson(req, settingsInput);
  const saved = await updateSettings(user.id, input, effectivePlan(user.plan));
  return NextResponse.json({ settings: settingsView(saved) });
});
