import "server-only";
// The one way the platform gets an exchange for an account: loaded scoped by user, keys decrypted here only.
import { and, eq } from "drizzle-orm";
import { db } from "@/db";
import { exchangeAccounts, type ExchangeAccount } from "@/db/schema";
import { AppError } from "@/lib/api/errors";
import { openAccountKeys } from "@/lib/crypto/account-keys";
import { VaultError } from "@/lib/crypto/vault";
import { getLogger } from "@/lib/log";
import { utcDay } from "@/lib/notify/events";
import { notify } from "@/lib/notify/notify";
import { CcxtAdapter, createCcxtClient } from "./ccxt-adapter";
import { PaperAdapter } from "./paper/adapter";
import { liveExchange } from "./registry";
import { ExchangeError, type ExchangeAdapter } from "./types";

/** The adapter for `accountId` if it belongs to `userId`; another user's account is a 404 AppError. */
export async function getAdapter(accountId: number, userId: number): Promise<ExchangeAdapter> {
  const [acct] = await db
    .select()
    .from(exchangeAccounts)
    .where(and(eq(exchangeAccounts.id, accountId), eq(exchangeAccounts.userId, userId)));
  if (!acct) throw new AppError("not_found", "Exchange account not found");
  try {
    return adapterForAccount(acct);
  } catch (err) {
    if (err instanceof ExchangeError && err.kind === "auth" && acct.status === "active")
      await markInvalid(acct, err);
    throw err;
  }
}

const log = getLogger("exchange");

/** The message a user sees on an account whose stored key does not decrypt where it is stored. */
export const KEY_INTEGRITY_MESSAGE =
  "The stored key failed its integrity check (it does not belong to this account). Add the key again.";

// The execute job marks an account invalid on any "auth" failure itself; pages and the API do it here.
async function markInvalid(acct: { id: number; userId: number }, err: ExchangeError): Promise<void> {
  log.warn({ accountId: acct.id, reason: err.message }, "exchange account marked invalid");
  await db
    .update(exchangeAccounts)
    .set({ status: "invalid", statusReason: err.message.slice(0, 255) })
    .where(eq(exchangeAccounts.id, acct.id));
  await notify({ type: "key_rejected", userId: acct.userId, accountId: acct.id, day: utcDay() });
}

/**
 * The adapter for an account row the caller already loaded scoped by its user (the execute job's context joins
 * the selected account on `exchange_accounts.user_id = trading_settings.user_id`).
 */
export function adapterForAccount(
  acct: Pick<ExchangeAccount, "id" | "userId" | "exchange" | "testnet" | "apiKeyEnc" | "apiSecretEnc"> &
    Partial<Pick<ExchangeAccount, "apiPassphraseEnc">>,
): ExchangeAdapter {
  if (acct.exchange === "paper") return new PaperAdapter(acct.id);
  const config = liveExchange(acct.exchange);
  if (!config) throw new ExchangeError("rejected", `Exchange ${acct.exchange} is no longer supported`);
  if (!acct.apiKeyEnc || !acct.apiSecretEnc)
    throw new ExchangeError("auth", "This account has no stored key");
  if (config.needsPassphrase) {
    // Not selected by the caller is a bug, not a bad key: it must not mark the account invalid.
    if (acct.apiPassphraseEnc === undefined)
      throw new Error(`${config.name} accounts need apiPassphraseEnc loaded`);
    if (!acct.apiPassphraseEnc)
      throw new ExchangeError(
        "auth",
        `This ${config.name} account has no stored passphrase. Add the key again.`,
      );
  }
  let keys: { apiKey: string; apiSecret: string; apiPassphrase?: string };
  try {
    keys = openAccountKeys({ ...acct, apiKeyEnc: acct.apiKeyEnc, apiSecretEnc: acct.apiSecretEnc });
  } catch (err) {
    // A ciphertext swapped in from another row (or tampered with) never reaches the exchange: the key is unusable.
    if (err instanceof VaultError) throw new ExchangeError("auth", KEY_INTEGRITY_MESSAGE);
    throw err;
  }
  const creds = { ...keys, passphrase: keys.apiPassphrase, testnet: acct.testnet };
  return new CcxtAdapter(config, createCcxtClient(config, creds, config.apiUrl()), acct.id);
}
