import "server-only";
// The one way the platform gets an exchange for an account: loaded scoped by user, keys decrypted here only.
import { and, eq } from "drizzle-orm";
import { db } from "@/db";
import { exchangeAccounts, type ExchangeAccount } from "@/db/schema";
import { AppError } from "@/lib/api/errors";
import { decryptSecret } from "@/lib/crypto/vault";
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
  return adapterForAccount(acct);
}

/**
 * The adapter for an account row the caller already loaded scoped by its user (the execute job's context joins
 * the selected account on `exchange_accounts.user_id = trading_settings.user_id`).
 */
export function adapterForAccount(
  acct: Pick<ExchangeAccount, "id" | "exchange" | "testnet" | "apiKeyEnc" | "apiSecretEnc">,
): ExchangeAdapter {
  if (acct.exchange === "paper") return new PaperAdapter(acct.id);
  const config = liveExchange(acct.exchange);
  if (!config) throw new ExchangeError("rejected", `Exchange ${acct.exchange} is no longer supported`);
  if (!acct.apiKeyEnc || !acct.apiSecretEnc)
    throw new ExchangeError("auth", "This account has no stored key");
  const creds = {
    apiKey: decryptSecret(acct.apiKeyEnc),
    apiSecret: decryptSecret(acct.apiSecretEnc),
    testnet: acct.testnet,
  };
  return new CcxtAdapter(config, createCcxtClient(config, creds, config.apiUrl()), acct.id);
}
