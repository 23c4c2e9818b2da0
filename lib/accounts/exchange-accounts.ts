import "server-only";
// Reading a user's exchange accounts: always scoped by user, never the encrypted columns.
import { and, asc, eq, getTableColumns } from "drizzle-orm";
import { db } from "@/db";
import { exchangeAccounts, tradingSettings } from "@/db/schema";
import { AppError } from "@/lib/api/errors";
import { DEFAULT_SYMBOL } from "@/lib/trading/symbols";
import type { AccountView } from "./account-view";

export type { AccountView } from "./account-view";

// Columns holding key material are named `…Enc` (the vault's ciphertexts); everything else is safe to read.
const {
  apiKeyEnc: _apiKeyEnc,
  apiSecretEnc: _apiSecretEnc,
  apiPassphraseEnc: _apiPassphraseEnc,
  ...safeColumns
} = getTableColumns(exchangeAccounts);

/**
 * The one secret-free column list of exchange_accounts: every column but the ciphertexts. Every reader that does
 * not decrypt (the user's pages, the admin console, guards on the web side) selects these, so a column added to the
 * table shows up everywhere and a ciphertext nowhere. Only the vault's users (get-adapter, execute, rotation)
 * read `…Enc`.
 */
export const ACCOUNT_SAFE_COLUMNS = safeColumns;

/** The same list as `columns` for drizzle's relational queries (`db.query.exchangeAccounts`). */
export const ACCOUNT_SAFE_QUERY_COLUMNS = Object.fromEntries(
  Object.keys(safeColumns).map((k) => [k, true]),
) as { [K in keyof typeof safeColumns]: true };

/** One account of this user (without key material), or a 404 AppError. */
export async function getOwnedAccount(userId: number, accountId: number) {
  const [row] = await db
    .select(ACCOUNT_SAFE_COLUMNS)
    .from(exchangeAccounts)
    .where(and(eq(exchangeAccounts.id, accountId), eq(exchangeAccounts.userId, userId)));
  if (!row) throw new AppError("not_found", "Exchange account not found");
  return row;
}

/** The user's trading settings row of the primary symbol (account selection, auto-trade flag). */
export async function getTradingSelection(userId: number) {
  const [row] = await db
    .select({ accountId: tradingSettings.exchangeAccountId, autoTrade: tradingSettings.autoTrade })
    .from(tradingSettings)
    .where(and(eq(tradingSettings.userId, userId), eq(tradingSettings.symbol, DEFAULT_SYMBOL)));
  return row ?? { accountId: null, autoTrade: false };
}

/** Every account of the user, masked, paper first. */
export async function listAccounts(userId: number): Promise<AccountView[]> {
  const rows = await db
    .select(ACCOUNT_SAFE_COLUMNS)
    .from(exchangeAccounts)
    .where(eq(exchangeAccounts.userId, userId))
    .orderBy(asc(exchangeAccounts.id));
  const selection = await getTradingSelection(userId);
  return rows
    .map((r) => ({
      id: r.id,
      exchange: r.exchange,
      label: r.label,
      testnet: r.testnet,
      keyHint: r.keyHint,
      status: r.status,
      statusReason: r.statusReason,
      lastValidatedAt: r.lastValidatedAt?.toISOString() ?? null,
      createdAt: r.createdAt.toISOString(),
      paperBalance: r.paperBalance,
      paperInitialBalance: r.paperInitialBalance,
      usedForTrading: selection.accountId === r.id,
    }))
    .sort((a, b) => Number(b.exchange === "paper") - Number(a.exchange === "paper"));
}
