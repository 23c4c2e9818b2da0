// PUT /api/auto-trade — { enabled } switches the user's auto-trading; refused without a selected account. Audited.
import { NextResponse } from "next/server";
import { z } from "zod";
import { apiRoute, readJson } from "@/lib/api/handler";
import { clientIp } from "@/lib/auth/client-ip";
import { requireApiUser } from "@/lib/auth/session";
import { setAutoTrade, settingsView } from "@/lib/trading/settings";

const body = z.object({ enabled: z.boolean({ error: "enabled must be true or false" }) }).strict();

export const PUT = apiRoute(async (req) => {
  const user = await requireApiUser();
  const { enabled } = await readJson(req, body);
  const saved = await setAutoTrade(user, enabled, clientIp(req.headers));
  return NextResponse.json({ settings: settingsView(saved) });
});
