import "server-only";
// The key vault: AES-256-GCM with a random 12-byte IV per value and the auth tag kept.
// Stored format `v{version}.{iv}.{tag}.{ciphertext}` (base64url); the newest master key encrypts, all decrypt.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { env } from "@/lib/env";

const FORMAT = /^v(\d{1,6})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]*)$/;

/** A value that cannot be decrypted: malformed, tampered with, or under a key version we do not have. */
export class VaultError extends Error {
  override name = "VaultError";
}

type Keys = Map<number, Buffer>;

/** The version of the newest master key (the one that encrypts). */
export function currentKeyVersion(keys: Keys = env.ENCRYPTION_KEYS): number {
  return Math.max(...keys.keys());
}

/** Encrypt a secret under the newest master key. */
export function encryptSecret(plaintext: string, keys: Keys = env.ENCRYPTION_KEYS): string {
  const version = currentKeyVersion(keys);
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keys.get(version)!, iv);
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return `v${version}.${iv.toString("base64url")}.${tag.toString("base64url")}.${ct.toString("base64url")}`;
}

/** The key version a stored value was encrypted under. */
export function keyVersionOf(stored: string): number {
  const match = FORMAT.exec(stored);
  if (!match) throw new VaultError("The stored value is not in the vault format");
  return Number(match[1]);
}

/** Decrypt a stored value; a tampered value or an unknown key version throws VaultError, never garbage. */
export function decryptSecret(stored: string, keys: Keys = env.ENCRYPTION_KEYS): string {
  const match = FORMAT.exec(stored);
  if (!match) throw new VaultError("The stored value is not in the vault format");
  const version = Number(match[1]);
  const key = keys.get(version);
  if (!key) throw new VaultError(`Encryption key version ${version} is not configured in ENCRYPTION_KEYS`);
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(match[2]!, "base64url"));
  decipher.setAuthTag(Buffer.from(match[3]!, "base64url"));
  try {
    return Buffer.concat([decipher.update(Buffer.from(match[4]!, "base64url")), decipher.final()]).toString(
      "utf8",
    );
  } catch {
    throw new VaultError("The stored value failed its integrity check (tampered or wrong key)");
  }
}

/** `AbCd…WxYz`: the first and last 4 characters, the only part of a key ever shown again. */
export function maskKey(apiKey: string): string {
  if (apiKey.length <= 8) return `${apiKey.slice(0, 2)}…`;
  return `${apiKey.slice(0, 4)}…${apiKey.slice(-4)}`;
}
