// GET /api/admin/settings — system settings with env defaults; PUT — change some (validated, audited, live)
import { NextResponse } from "next/server";
import { requireAdminActor } from "@/lib/admin/request";
import { readSettingsView, settingsPatchSchema, updateSettings } from "@/lib/admin/system-settings";
import { apiRoute, readJson } from "@/lib/api/handler";

export const GET = apiRoute(async (req) => {
  await requireAdminActor(req);
  return NextResponse.json(await readSettingsView());
});

export const PUT = apiRoute(async (req) => {
  const actor = await requireAdminActor(req);
  const patch = await readJson(req, settingsPatchSchema);
  const changed = await updateSettings(actor, patch);
  return NextResponse.json({ changed, settings: await readSettingsView() });
});
