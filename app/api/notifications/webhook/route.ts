// PUT /api/notifications/webhook — { url } saves the signed-webhook URL (private addresses refused) with a new
// signing secret, returned once. DELETE — remove it.
import { NextResponse } from "next/server";
import { z } from "zod";
import { withUser } from "@/lib/api/route";
import { removeWebhook, saveWebhook } from "@/lib/notify/settings";

const body = z
  .object({
    url: z
      .string({ error: "Webhook URL: required" })
      .trim()
      .min(1, "Webhook URL: required")
      .max(500, "Webhook URL: at most 500 characters"),
  })
  .strict();

export const PUT = withUser(
  { body, rateLimit: { name: "notify-webhook", limit: 30, windowSeconds: 3600 } },
  async ({ user, body, ip }) => {
    const secret = await saveWebhook(user.id, body.url, ip);
    return NextResponse.json({ secret });
  },
);

export const DELETE = withUser({}, async ({ user, ip }) => {
  await removeWebhook(user.id, ip);
  return NextResponse.json({ ok: true });
});
