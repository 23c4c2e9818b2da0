// Values in the vault's format from before binding (`v{version}.…`, no additional authenticated data), as rows
// written by an older version hold them, for tests of the migration by `npm run keys:rotate`.
import { createCipheriv, randomBytes } from "node:crypto";

/** Encrypt the way the vault did before it bound values to their row. */
export function legacyEncrypt(plaintext: string, keys: Map<number, Buffer>): string {
  const version = Math.max(...keys.keys());
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keys.get(version)!, iv);
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return `v${version}.${iv.toString("base64url")}.${tag.toString("base64url")}.${ct.toString("base64url")}`;
}
