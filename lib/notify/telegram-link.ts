import "server-only";
// Linking a Telegram chat: the settings page makes a one-time deep link `https://t.me/<bot>?start=<token>` (valid
// 15 minutes, only its hash stored); Telegram sends the bot `/start <token>` and POSTs that update to
// /api/telegram/webhook (authenticated by the secret_token header); a matching token links that private chat.
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { notificationChannels } from "@/db/schema";
import { env } from "@/lib/env";
import { getLogger } from "@/lib/log";
import { saveChannels } from "./prefs";
import { sendTelegram } from "./telegram";

const log = getLogger("telegram");
const LINK_MINUTES = 15;
const hash = (token: string) => createHash("sha256").update(token).digest("hex");

/** Make a new one-time deep link for the user (an earlier unused one stops working). */
export async function createTelegramLink(userId: number): Promise<{ url: string; expiresAt: Date }> {
  const token = randomBytes(24).toString("base64url");
  const expiresAt = new Date(Date.now() + LINK_MINUTES * 60_000);
  await saveChannels(userId, { telegramLinkHash: hash(token), telegramLinkExpiresAt: expiresAt });
  return { url: `https://t.me/${env.TELEGRAM_BOT_USERNAME}?start=${token}`, expiresAt };
}

/** Forget the user's chat (and any pending link). */
export async function unlinkTelegram(userId: number): Promise<void> {
  await saveChannels(userId, {
    telegramChatId: null,
    telegramUsername: null,
    telegramLinkHash: null,
    telegramLinkExpiresAt: null,
  });
}

/** The part of a Telegram update this bot reads. */
export const telegramUpdate = z.object({
  update_id: z.number(),
  message: z
    .object({
      text: z.string().optional(),
      chat: z.object({ id: z.number(), type: z.string() }),
      from: z.object({ username: z.string().optional() }).optional(),
    })
    .optional(),
});

/** Handle one update: `/start <token>` in a private chat links it; returns what happened. */
export async function handleTelegramUpdate(
  update: z.infer<typeof telegramUpdate>,
): Promise<"linked" | "invalid" | "ignored"> {
  const msg = update.message;
  const match = msg?.text ? /^\/start(?:@\w+)?\s+([A-Za-z0-9_-]{16,64})\s*$/.exec(msg.text) : null;
  if (!msg || !match) return "ignored";
  const chatId = String(msg.chat.id);
  const reply = (text: string) =>
    sendTelegram(chatId, text).catch((err: unknown) =>
      log.warn({ err: (err as Error).message }, "could not answer on Telegram"),
    );
  if (msg.chat.type !== "private") {
    await reply("Link Tickpilot from a private chat with this bot.");
    return "invalid";
  }
  const linked = await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ userId: notificationChannels.userId })
      .from(notificationChannels)
      .where(
        and(
          eq(notificationChannels.telegramLinkHash, hash(match[1]!)),
          gt(notificationChannels.telegramLinkExpiresAt, new Date()),
        ),
      )
      .for("update");
    if (!row) return false;
    await tx
      .update(notificationChannels)
      .set({
        telegramChatId: chatId,
        telegramUsername: msg.from?.username?.slice(0, 64) ?? null,
        telegramLinkHash: null,
        telegramLinkExpiresAt: null,
      })
      .where(eq(notificationChannels.userId, row.userId));
    return true;
  });
  await reply(
    linked
      ? "This chat now gets your Tickpilot notifications. Choose which ones in Settings → Notifications."
      : "This link has expired or was already used. Make a new one in Settings → Notifications.",
  );
  return linked ? "linked" : "invalid";
}
