import "server-only";
// Re-encrypt every stored key pair under the newest master key, in batches. Safe to interrupt and re-run:
// each row is updated on its own, only while it still carries the version it was read with.
import { and, asc, eq, gt, isNotNull, ne } from "drizzle-orm";
import { db } from "@/db";
import { exchangeAccounts } from "@/db/schema";
import { currentKeyVersion, decryptSecret, encryptSecret } from "./vault";

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
        keyVersion: exchangeAccounts.keyVersion,
        apiKeyEnc: exchangeAccounts.apiKeyEnc,
        apiSecretEnc: exchangeAccounts.apiSecretEnc,
      })
      .from(exchangeAccounts)
      .where(
        and(
          isNotNull(exchangeAccounts.apiKeyEnc),
          ne(exchangeAccounts.keyVersion, target),
          gt(exchangeAccounts.id, afterId),
        ),
      )
      .orderBy(asc(exchangeAccounts.id))
      .limit(batchSize);
    if (rows.length === 0) break;
    for (const row of rows) {
      afterId = row.id;
      try {
        const apiKeyEnc = encryptSecret(decryptSecret(row.apiKeyEnc!));
        const apiSecretEnc = encryptSecret(decryptSecret(row.apiSecretEnc!));
        await db
          .update(exchangeAccounts)
          .set({ apiKeyEnc, apiSecretEnc, keyVersion: target })
          .where(and(eq(exchangeAccounts.id, row.id), eq(exchangeAccounts.keyVersion, row.keyVersion!)));
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
  return result;
}
