// PUT /api/auto-trade — { enabled } switches the user's auto-trading; refused without a selected account. Audited.
import { NextResponse } from "next/server";
import { z } from "zod";
import { withUser } from "@/lib/api/route";
import { setAutoTrade, settingsView } from "@/lib/trading/settings";

const body = z.object({ enabled: z.boolean({ error: "enabled must be true or false" }) }).strict();

export const PUT = withUser({ body }, async ({ user, body: { enabled }, ip }) => {
  const saved = await setAutoTrade(user, enabled, ip);
  return NextResponse.json({ settings: settingsView(saved) });
});
