import "server-only";
// Re-encrypt every stored key pair (and OKX passphrase) under the newest master key and bound to its account (AAD), in batches: rows
// under an older key and rows written before binding. Safe to interrupt and re-run: each row is updated on its own,
// only while it still holds the values it was read with.
import { and, asc, eq, gt, isNotNull, like, ne, or } from "drizzle-orm";
import { db } from "@/db";
import { exchangeAccounts } from "@/db/schema";
import { rotateWebhookSecrets } from "@/lib/notify/rotate-secrets";
import { openAccountKeys, sealAccountKeys } from "./account-keys";
import { currentKeyVersion } from "./vault";

export interface RotateResult {
  rotated: number;
  failed: Array<{ accountId: number; reason: string }>;
  targetVersion: number;
}

/** Re-encrypt rows not yet under the newest key; reports counts and ids only, never secrets. */
export async function rotateKeys(
  opts: { batchSize?: number; onBatch?: (done: number) => void } = {},
): Promise<RotateResult> {
  const batchSize = opts.batchSize ?? 200;
  const target = currentKeyVersion();
  const result: RotateResult = { rotated: 0, failed: [], targetVersion: target };
  let afterId = 0;
  for (;;) {
    const rows = await db
      .select({
        id: exchangeAccounts.id,
        userId: exchangeAccounts.userId,
        keyVersion: exchangeAccounts.keyVersion,
        apiKeyEnc: exchangeAccounts.apiKeyEnc,
        apiSecretEnc: exchangeAccounts.apiSecretEnc,
        apiPassphraseEnc: exchangeAccounts.apiPassphraseEnc,
      })
      .from(exchangeAccounts)
      .where(
        and(
          isNotNull(exchangeAccounts.apiKeyEnc),
          or(ne(exchangeAccounts.keyVersion, target), like(exchangeAccounts.apiKeyEnc, "v%")),
          gt(exchangeAccounts.id, afterId),
        ),
      )
      .orderBy(asc(exchangeAccounts.id))
      .limit(batchSize);
    if (rows.length === 0) break;
    for (const row of rows) {
      afterId = row.id;
      try {
        const sealed = sealAccountKeys(
          row.id,
          row.userId,
          openAccountKeys({ ...row, apiKeyEnc: row.apiKeyEnc!, apiSecretEnc: row.apiSecretEnc! }),
        );
        await db
          .update(exchangeAccounts)
          .set(sealed)
          .where(and(eq(exchangeAccounts.id, row.id), eq(exchangeAccounts.apiKeyEnc, row.apiKeyEnc!)));
        result.rotated += 1;
      } catch (err) {
        result.failed.push({
          accountId: row.id,
          reason: err instanceof Error ? err.message : "unknown error",
        });
      }
    }
    opts.onBatch?.(result.rotated);
  }
  // Users' webhook signing secrets (notifications) live in the same vault.
  const hooks = await rotateWebhookSecrets(target);
  result.rotated += hooks.rotated;
  for (const userId of hooks.failed)
    result.failed.push({ accountId: 0, reason: `webhook secret of user ${userId} does not decrypt` });
  return result;
}
