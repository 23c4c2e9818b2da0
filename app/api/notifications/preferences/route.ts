// GET /api/notifications/preferences — the settings page's data. PUT — switch one (event, channel) on or off,
// and/or set the daily summary's UTC hour (null = no summary).
import { NextResponse } from "next/server";
import { z } from "zod";
import { withUser } from "@/lib/api/route";
import { CHANNELS, NOTIFY_EVENTS } from "@/lib/notify/events";
import { saveChannels, setPref } from "@/lib/notify/prefs";
import { notificationSettingsView } from "@/lib/notify/settings";

const body = z
  .object({
    event: z.enum(NOTIFY_EVENTS, { error: "Event: not a notification event" }).optional(),
    channel: z.enum(CHANNELS, { error: "Channel: must be inapp, email, telegram or webhook" }).optional(),
    enabled: z.boolean({ error: "Enabled: must be true or false" }).optional(),
    summaryHour: z
      .number({ error: "Summary hour: a whole hour 0–23 (UTC) or null" })
      .int("Summary hour: a whole hour 0–23 (UTC) or null")
      .min(0, "Summary hour: a whole hour 0–23 (UTC) or null")
      .max(23, "Summary hour: a whole hour 0–23 (UTC) or null")
      .nullable()
      .optional(),
  })
  .strict()
  .refine(
    (b) =>
      (b.event === undefined) === (b.channel === undefined) &&
      (b.event === undefined) === (b.enabled === undefined),
    {
      message: "Preference: give event, channel and enabled together",
    },
  )
  .refine((b) => b.event !== undefined || b.summaryHour !== undefined, { message: "Nothing to change" });

export const GET = withUser({}, async ({ user }) =>
  NextResponse.json(await notificationSettingsView(user.id)),
);

export const PUT = withUser({ body }, async ({ user, body }) => {
  if (body.event && body.channel && body.enabled !== undefined)
    await setPref(user.id, body.event, body.channel, body.enabled);
  if (body.summaryHour !== undefined) await saveChannels(user.id, { summaryHour: body.summaryHour });
  return NextResponse.json(await notificationSettingsView(user.id));
});
