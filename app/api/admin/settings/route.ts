// GET /api/admin/settings — system settings with env defaults; PUT — change some (validated, audited, live)
import { NextResponse } from "next/server";
import { readSettingsView, settingsPatchSchema, updateSettings } from "@/lib/admin/system-settings";
import { withAdmin } from "@/lib/api/route";

export const GET = withAdmin({}, async () => NextResponse.json(await readSettingsView()));

export const PUT = withAdmin({ body: settingsPatchSchema }, async ({ actor, body }) => {
  const changed = await updateSettings(actor, body);
  return NextResponse.json({ changed, settings: await readSettingsView() });
});
