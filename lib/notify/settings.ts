import "server-only";
// The notifications settings page's reads and writes: the preference matrix, the linked channels as the browser may
// see them (no secret, no chat id), the webhook URL (checked against private addresses, a new signing secret shown
// once) and the daily summary hour. Channel changes are audited.
import { AppError } from "@/lib/api/errors";
import { audit } from "@/lib/audit";
import { encryptSecret } from "@/lib/crypto/vault";
import { env } from "@/lib/env";
import { webhookSecretAad } from "./rotate-secrets";
import type { NotificationSettingsView } from "./catalog";
import { loadChannels, loadPrefs, saveChannels, telegramConfigured } from "./prefs";
import { assertPublicUrl, UnsafeUrlError } from "./safe-url";
import { newWebhookSecret } from "./webhook";

/** The settings page's data for one user. */
export async function notificationSettingsView(userId: number): Promise<NotificationSettingsView> {
  const [prefs, ch] = await Promise.all([loadPrefs(userId), loadChannels(userId)]);
  return {
    prefs,
    telegram: {
      available: telegramConfigured(),
      linked: ch.telegramChatId !== null,
      username: ch.telegramUsername,
      bot: env.TELEGRAM_BOT_USERNAME ?? null,
    },
    webhook: { url: ch.webhookUrl },
    summaryHour: ch.summaryHour,
  };
}

/** Save the webhook URL (refused for private addresses) with a new signing secret; returns the secret, once. */
export async function saveWebhook(userId: number, rawUrl: string, ip: string): Promise<string> {
  let url: URL;
  try {
    url = await assertPublicUrl(rawUrl);
  } catch (err) {
    if (err instanceof UnsafeUrlError)
      throw new AppError("unprocessable", err.message, { fields: { url: err.message } });
    throw err;
  }
  const secret = newWebhookSecret();
  await saveChannels(userId, {
    webhookUrl: url.toString(),
    webhookSecretEnc: encryptSecret(secret, webhookSecretAad(userId)),
  });
  await audit({
    actorId: userId,
    targetUserId: userId,
    action: "notify.webhook_saved",
    targetType: "notification_channels",
    targetId: String(userId),
    metadata: { host: url.host, ip },
  });
  return secret;
}

/** Remove the webhook (and its secret). */
export async function removeWebhook(userId: number, ip: string): Promise<void> {
  await saveChannels(userId, { webhookUrl: null, webhookSecretEnc: null });
  await audit({
    actorId: userId,
    targetUserId: userId,
    action: "notify.webhook_removed",
    targetType: "notification_channels",
    targetId: String(userId),
    metadata: { ip },
  });
}
