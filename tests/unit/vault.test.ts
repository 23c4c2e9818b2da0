// The key vault: AES-256-GCM round trip bound to where the value lives, a fresh IV per value, and clear errors for
// tampering, moved values or unknown keys.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { accountKeyAad } from "@/lib/crypto/account-keys";
import { decryptSecret, encryptSecret, isBound, keyVersionOf, maskKey, VaultError } from "@/lib/crypto/vault";
import { legacyEncrypt } from "../helpers/vault";

const AAD = accountKeyAad(42, 7, "apiSecret");

const k1 = new Map([[1, randomBytes(32)]]);
const k12 = new Map([
  [1, k1.get(1)!],
  [2, randomBytes(32)],
]);

function flip(stored: string, part: 1 | 2 | 3): string {
  const parts = stored.split(".");
  const buf = Buffer.from(parts[part]!, "base64url");
  buf[0] = buf[0]! ^ 0x01;
  parts[part] = buf.toString("base64url");
  return parts.join(".");
}

describe("vault", () => {
  it("round-trips and never stores the plaintext", () => {
    const secret = "live_Zq9 tricky ünïcode ✓ secret";
    const stored = encryptSecret(secret, AAD, k1);
    expect(stored).toMatch(/^b1\.[\w-]{16}\.[\w-]{22}\.[\w-]+$/);
    expect(isBound(stored)).toBe(true);
    expect(stored).not.toContain(secret);
    expect(decryptSecret(stored, AAD, k1)).toBe(secret);
  });

  it("uses a new IV for every value", () => {
    const a = encryptSecret("same", AAD, k1);
    const b = encryptSecret("same", AAD, k1);
    expect(a).not.toBe(b);
    expect(a.split(".")[1]).not.toBe(b.split(".")[1]);
  });

  it.each([
    ["ciphertext", 3],
    ["auth tag", 2],
    ["IV", 1],
  ] as const)("a flipped byte in the %s is rejected, not decrypted to garbage", (_what, part) => {
    const stored = encryptSecret("api-secret-value", AAD, k1);
    expect(() => decryptSecret(flip(stored, part), AAD, k1)).toThrow(VaultError);
    expect(() => decryptSecret(flip(stored, part), AAD, k1)).toThrow(/integrity check/);
  });

  it("the newest key encrypts, every listed key decrypts, an unknown version is a clear error", () => {
    const old = encryptSecret("old-value", AAD, k1);
    const fresh = encryptSecret("new-value", AAD, k12);
    expect(keyVersionOf(old)).toBe(1);
    expect(keyVersionOf(fresh)).toBe(2);
    expect(decryptSecret(old, AAD, k12)).toBe("old-value");
    expect(() => decryptSecret(fresh, AAD, k1)).toThrow(/key version 2 is not configured/);
  });

  it("rejects values that are not in the vault format", () => {
    expect(() => decryptSecret("plaintext-key", AAD, k1)).toThrow(VaultError);
    expect(() => decryptSecret("v1.abc.def.ghi", AAD, k1)).toThrow(/not in the vault format/);
  });

  it("a value moved to another account, user or field fails its integrity check", () => {
    const stored = encryptSecret("api-secret-value", AAD, k1);
    for (const elsewhere of [
      accountKeyAad(43, 7, "apiSecret"),
      accountKeyAad(42, 8, "apiSecret"),
      accountKeyAad(42, 7, "apiKey"),
    ]) {
      expect(() => decryptSecret(stored, elsewhere, k1)).toThrow(/integrity check/);
    }
  });

  it("still reads values written before binding (until keys:rotate re-encrypts them)", () => {
    const old = legacyEncrypt("pre-binding", k1);
    expect(isBound(old)).toBe(false);
    expect(decryptSecret(old, AAD, k1)).toBe("pre-binding");
  });

  it("masks a key to its first and last four characters", () => {
    expect(maskKey("AbCdEFGHIJKLwxyz")).toBe("AbCd…wxyz");
    expect(maskKey("short")).toBe("sh…");
  });
});
