// Key rotation against the real MariaDB: batches, interruption and re-run, every row readable under the newest key
// only, and the `keys:rotate` script never printing a secret.
import { randomBytes } from "node:crypto";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, describe, expect, it, vi } from "vitest";

// v1 is this run's key (other files' rows use it too), so every stored row can be rotated.
const keys = vi.hoisted(() => {
  const b64 = () =>
    Buffer.from(Array.from({ length: 32 }, () => Math.floor(Math.random() * 256))).toString("base64");
  const k = { v1: process.env.ENCRYPTION_KEYS!.replace(/^1:/, ""), v2: b64(), v3: b64() };
  process.env.ENCRYPTION_KEYS = `1:${k.v1},2:${k.v2}`;
  return k;
});

import { count, eq, inArray, isNotNull } from "drizzle-orm";
import { closeDb, db } from "@/db";
import { exchangeAccounts } from "@/db/schema";
import { rotateKeys } from "@/lib/crypto/rotate-keys";
import { decryptSecret, encryptSecret, VaultError } from "@/lib/crypto/vault";
import { closeRedis } from "@/lib/redis";
import { makeUser } from "../helpers/accounts";

const only = (v: number, b64: string) => new Map([[v, Buffer.from(b64, "base64")]]);
const V1 = only(1, keys.v1);
const V2 = only(2, keys.v2);

afterAll(async () => {
  await closeDb();
  await closeRedis();
});

async function seedAccounts(n: number) {
  const user = await makeUser("rotate");
  const plain: Array<{ id: number; apiKey: string; apiSecret: string }> = [];
  for (let i = 0; i < n; i++) {
    const apiKey = `rk_${randomBytes(8).toString("hex")}`;
    const apiSecret = `rs_${randomBytes(16).toString("hex")}`;
    const [row] = await db
      .insert(exchangeAccounts)
      .values({
        userId: user.id,
        exchange: "bybit",
        label: `acct ${i}`,
        apiKeyEnc: encryptSecret(apiKey, V1),
        apiSecretEnc: encryptSecret(apiSecret, V1),
        keyVersion: 1,
        keyHint: "xxxx…xxxx",
      })
      .$returningId();
    plain.push({ id: row!.id, apiKey, apiSecret });
  }
  return plain;
}

async function rowsOf(ids: number[]) {
  return db.select().from(exchangeAccounts).where(inArray(exchangeAccounts.id, ids));
}

describe("keys:rotate", () => {
  it("re-encrypts in batches, survives an interruption, and leaves no row under the old key", async () => {
    const plain = await seedAccounts(5);
    const ids = plain.map((p) => p.id);
    let batches = 0;
    await expect(
      rotateKeys({
        batchSize: 2,
        onBatch: () => {
          batches += 1;
          throw new Error("interrupted");
        },
      }),
    ).rejects.toThrow("interrupted");
    expect(batches).toBe(1);
    const stored = await db
      .select({ v: exchangeAccounts.keyVersion, n: count() })
      .from(exchangeAccounts)
      .where(isNotNull(exchangeAccounts.apiKeyEnc))
      .groupBy(exchangeAccounts.keyVersion);
    expect(stored.find((r) => r.v === 2)?.n).toBe(2);

    const result = await rotateKeys({ batchSize: 2 });
    expect(result.failed).toEqual([]);
    expect(result.targetVersion).toBe(2);
    const [left] = await db
      .select({ n: count() })
      .from(exchangeAccounts)
      .where(eq(exchangeAccounts.keyVersion, 1));
    expect(left!.n).toBe(0);
    for (const row of await rowsOf(ids)) {
      const p = plain.find((x) => x.id === row.id)!;
      expect(row.keyVersion).toBe(2);
      expect(decryptSecret(row.apiKeyEnc!, V2)).toBe(p.apiKey);
      expect(decryptSecret(row.apiSecretEnc!, V2)).toBe(p.apiSecret);
      expect(() => decryptSecret(row.apiSecretEnc!, V1)).toThrow(VaultError);
      expect(row.apiSecretEnc).not.toContain(p.apiSecret);
    }
    expect(await rotateKeys()).toMatchObject({ rotated: 0 });
  });

  it("the npm script rotates to a newly added key and prints counts, never a secret", async () => {
    const plain = await seedAccounts(2);
    const encryptionKeys = `1:${keys.v1},2:${keys.v2},3:${keys.v3}`;
    const { stdout, stderr } = await promisify(execFile)(
      "node_modules/.bin/tsx",
      ["--conditions=react-server", "scripts/rotate-keys.ts"],
      { env: { ...process.env, ENCRYPTION_KEYS: encryptionKeys, NODE_ENV: "test" }, timeout: 60_000 },
    );
    expect(stdout).toMatch(/done: \d+ account\(s\) now under key version 3/);
    for (const p of plain) {
      expect(stdout + stderr).not.toContain(p.apiSecret);
      expect(stdout + stderr).not.toContain(p.apiKey);
    }
    expect(stdout + stderr).not.toContain(keys.v3);
    const V3 = only(3, keys.v3);
    for (const row of await rowsOf(plain.map((p) => p.id))) {
      expect(row.keyVersion).toBe(3);
      expect(decryptSecret(row.apiSecretEnc!, V3)).toBe(plain.find((p) => p.id === row.id)!.apiSecret);
    }
  });
});
