// POST /api/telegram/webhook — updates from Telegram (setWebhook with secret_token = TELEGRAM_WEBHOOK_SECRET):
// `/start <token>` links a chat. Without the configured secret in X-Telegram-Bot-Api-Secret-Token: 401.
import { timingSafeEqual } from "node:crypto";
import { NextResponse } from "next/server";
import { AppError } from "@/lib/api/errors";
import { withPublic } from "@/lib/api/route";
import { env } from "@/lib/env";
import { handleTelegramUpdate, telegramUpdate } from "@/lib/notify/telegram-link";

export const dynamic = "force-dynamic";

function secretMatches(given: string | null): boolean {
  const want = env.TELEGRAM_WEBHOOK_SECRET;
  if (!want || !given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(want);
  return a.length === b.length && timingSafeEqual(a, b);
}

// Telegram's servers call this, not a browser; the secret header is the authentication.
export const POST = withPublic({ crossOrigin: true, accepts: "any" }, async ({ req }) => {
  if (!env.TELEGRAM_WEBHOOK_SECRET || !env.TELEGRAM_BOT_TOKEN)
    throw new AppError("not_found", "Telegram is not set up on this server");
  if (!secretMatches(req.headers.get("x-telegram-bot-api-secret-token")))
    throw new AppError("unauthorized", "Bad secret token");
  const raw = await req.text();
  if (Buffer.byteLength(raw) > 100_000) throw new AppError("payload_too_large", "Update is too large");
  let json: unknown = null;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new AppError("bad_request", "Update is not JSON");
  }
  const parsed = telegramUpdate.safeParse(json);
  // Anything the bot does not read is acknowledged, or Telegram would send it again and again.
  if (!parsed.success) return NextResponse.json({ ok: true, result: "ignored" });
  return NextResponse.json({ ok: true, result: await handleTelegramUpdate(parsed.data) });
});
