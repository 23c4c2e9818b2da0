import "server-only";
// An exchange account's key pair in the vault: each value is bound to its account, its user and its field, so
// swapping ciphertexts between rows (or between key, secret and passphrase) makes them undecryptable instead of usable.
import { currentKeyVersion, decryptSecret, encryptSecret } from "./vault";

type Field = "apiKey" | "apiSecret" | "apiPassphrase";

/** The additional authenticated data of one stored value. */
export function accountKeyAad(accountId: number, userId: number, field: Field): string {
  return `exchange_accounts/${accountId}/user/${userId}/${field}`;
}

/** The columns to store for a key pair (and OKX's passphrase) of account `accountId` owned by `userId`. */
export function sealAccountKeys(
  accountId: number,
  userId: number,
  keys: { apiKey: string; apiSecret: string; apiPassphrase?: string | null },
): { apiKeyEnc: string; apiSecretEnc: string; apiPassphraseEnc: string | null; keyVersion: number } {
  return {
    apiKeyEnc: encryptSecret(keys.apiKey, accountKeyAad(accountId, userId, "apiKey")),
    apiSecretEnc: encryptSecret(keys.apiSecret, accountKeyAad(accountId, userId, "apiSecret")),
    apiPassphraseEnc: keys.apiPassphrase
      ? encryptSecret(keys.apiPassphrase, accountKeyAad(accountId, userId, "apiPassphrase"))
      : null,
    keyVersion: currentKeyVersion(),
  };
}

/** Decrypt a stored key pair (and passphrase); VaultError when any value does not belong to this account and user. */
export function openAccountKeys(row: {
  id: number;
  userId: number;
  apiKeyEnc: string;
  apiSecretEnc: string;
  apiPassphraseEnc?: string | null;
}): { apiKey: string; apiSecret: string; apiPassphrase?: string } {
  return {
    apiKey: decryptSecret(row.apiKeyEnc, accountKeyAad(row.id, row.userId, "apiKey")),
    apiSecret: decryptSecret(row.apiSecretEnc, accountKeyAad(row.id, row.userId, "apiSecret")),
    // Only exchanges with a passphrase (OKX) have one: absent, not null, for the others.
    ...(row.apiPassphraseEnc
      ? {
          apiPassphrase: decryptSecret(
            row.apiPassphraseEnc,
            accountKeyAad(row.id, row.userId, "apiPassphrase"),
          ),
        }
      : {}),
  };
}
