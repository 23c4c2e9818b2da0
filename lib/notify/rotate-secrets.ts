import "server-only";
// keys:rotate for the webhook signing secrets: each one not yet under the newest master key is re-encrypted (same
// secret, same binding), only while it still holds the value it was read with.
import { and, eq, isNotNull } from "drizzle-orm";
import { db } from "@/db";
import { notificationChannels } from "@/db/schema";
import { decryptSecret, encryptSecret, keyVersionOf } from "@/lib/crypto/vault";

/** The aad every webhook secret is bound to. */
export const webhookSecretAad = (userId: number) => `notify-webhook:${userId}`;

/** Re-encrypt webhook secrets under `target`; returns how many changed and the users whose secret failed. */
export async function rotateWebhookSecrets(target: number): Promise<{ rotated: number; failed: number[] }> {
  const rows = await db
    .select({ userId: notificationChannels.userId, enc: notificationChannels.webhookSecretEnc })
    .from(notificationChannels)
    .where(isNotNull(notificationChannels.webhookSecretEnc));
  const out = { rotated: 0, failed: [] as number[] };
  for (const row of rows) {
    try {
      if (keyVersionOf(row.enc!) === target) continue;
      const aad = webhookSecretAad(row.userId);
      await db
        .update(notificationChannels)
        .set({ webhookSecretEnc: encryptSecret(decryptSecret(row.enc!, aad), aad) })
        .where(
          and(
            eq(notificationChannels.userId, row.userId),
            eq(notificationChannels.webhookSecretEnc, row.enc!),
          ),
        );
      out.rotated += 1;
    } catch {
      out.failed.push(row.userId);
    }
  }
  return out;
}
