// POST /api/notifications/telegram — a one-time deep link to the bot that links the chat it is opened in.
// DELETE — unlink the chat.
import { NextResponse } from "next/server";
import { AppError } from "@/lib/api/errors";
import { withUser } from "@/lib/api/route";
import { telegramConfigured } from "@/lib/notify/prefs";
import { createTelegramLink, unlinkTelegram } from "@/lib/notify/telegram-link";

export const POST = withUser(
  { rateLimit: { name: "telegram-link", limit: 20, windowSeconds: 3600 } },
  async ({ user }) => {
    if (!telegramConfigured()) throw new AppError("not_found", "Telegram is not set up on this server");
    return NextResponse.json(await createTelegramLink(user.id));
  },
);

export const DELETE = withUser({}, async ({ user }) => {
  await unlinkTelegram(user.id);
  return NextResponse.json({ ok: true });
});
