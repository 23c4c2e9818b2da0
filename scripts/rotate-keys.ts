// `npm run keys:rotate`: re-encrypt every stored exchange key under the newest ENCRYPTION_KEYS version.
// Prints counts and account ids only. Interrupt it any time and run it again: it picks up where it stopped.
import { closeDb } from "@/db";
import { rotateKeys } from "@/lib/crypto/rotate-keys";

async function main(): Promise<void> {
  const result = await rotateKeys({ onBatch: (done) => console.log(`re-encrypted ${done} account(s)…`) });
  console.log(`done: ${result.rotated} account(s) now under key version ${result.targetVersion}`);
  for (const f of result.failed) console.error(`account ${f.accountId}: ${f.reason}`);
  if (result.failed.length > 0) process.exitCode = 1;
}

main()
  .catch((err: unknown) => {
    console.error("key rotation failed:", err instanceof Error ? err.message : "unknown error");
    process.exitCode = 1;
  })
  .finally(() => closeDb());
