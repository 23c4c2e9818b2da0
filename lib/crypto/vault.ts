import "server-only";
// The key vault: AES-256-GCM with a random 12-byte IV per value and the auth tag kept. Each value is bound to
// where it is stored through additional authenticated data (e.g. "exchange_accounts/42/user/7/apiKey"), so a
// ciphertext copied to another row, user or field fails its integrity check instead of decrypting.
// Stored format `b{version}.{iv}.{tag}.{ciphertext}` (base64url); the newest master key encrypts, all decrypt.
// Values written before binding (`v{version}.…`) still decrypt until `npm run keys:rotate` re-encrypts them.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { env } from "@/lib/env";

const FORMAT = /^([vb])(\d{1,6})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]*)$/;

/** A value that cannot be decrypted: malformed, tampered with, moved, or under a key version we do not have. */
export class VaultError extends Error {
  override name = "VaultError";
}

type Keys = Map<number, Buffer>;

/** The version of the newest master key (the one that encrypts). */
export function currentKeyVersion(keys: Keys = env.ENCRYPTION_KEYS): number {
  return Math.max(...keys.keys());
}

/** Encrypt a secret under the newest master key, bound to `aad` (where it will be stored). */
export function encryptSecret(plaintext: string, aad: string, keys: Keys = env.ENCRYPTION_KEYS): string {
  const version = currentKeyVersion(keys);
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keys.get(version)!, iv);
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return `b${version}.${iv.toString("base64url")}.${tag.toString("base64url")}.${ct.toString("base64url")}`;
}

function parse(stored: string) {
  const match = FORMAT.exec(stored);
  if (!match) throw new VaultError("The stored value is not in the vault format");
  return { bound: match[1] === "b", version: Number(match[2]), iv: match[3]!, tag: match[4]!, ct: match[5]! };
}

/** The key version a stored value was encrypted under. */
export function keyVersionOf(stored: string): number {
  return parse(stored).version;
}

/** Whether a stored value is bound to its place (false: written before binding, waiting for keys:rotate). */
export function isBound(stored: string): boolean {
  return parse(stored).bound;
}

/**
 * Decrypt a stored value that must belong to `aad`; a tampered or moved value or an unknown key version throws
 * VaultError, never garbage.
 */
export function decryptSecret(stored: string, aad: string, keys: Keys = env.ENCRYPTION_KEYS): string {
  const value = parse(stored);
  const key = keys.get(value.version);
  if (!key)
    throw new VaultError(`Encryption key version ${value.version} is not configured in ENCRYPTION_KEYS`);
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(value.iv, "base64url"));
  if (value.bound) decipher.setAAD(Buffer.from(aad, "utf8"));
  decipher.setAuthTag(Buffer.from(value.tag, "base64url"));
  try {
    return Buffer.concat([decipher.update(Buffer.from(value.ct, "base64url")), decipher.final()]).toString(
      "utf8",
    );
  } catch {
    throw new VaultError("The stored value failed its integrity check (tampered, moved or wrong key)");
  }
}

/** `AbCd…WxYz`: the first and last 4 characters, the only part of a key ever shown again. */
export function maskKey(apiKey: string): string {
  if (apiKey.length <= 8) return `${apiKey.slice(0, 2)}…`;
  return `${apiKey.slice(0, 4)}…${apiKey.slice(-4)}`;
}
