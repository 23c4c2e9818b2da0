import "server-only";
// Reading a user's exchange accounts: always scoped by user, never the encrypted columns.
import { and, asc, eq } from "drizzle-orm";
import { db } from "@/db";
import { exchangeAccounts, tradingSettings } from "@/db/schema";
import { AppError } from "@/lib/api/errors";
import type { AccountView } from "./account-view";

export type { AccountView } from "./account-view";

const safeColumns = {
  id: exchangeAccounts.id,
  userId: exchangeAccounts.userId,
  exchange: exchangeAccounts.exchange,
  label: exchangeAccounts.label,
  testnet: exchangeAccounts.testnet,
  keyHint: exchangeAccounts.keyHint,
  status: exchangeAccounts.status,
  statusReason: exchangeAccounts.statusReason,
  lastValidatedAt: exchangeAccounts.lastValidatedAt,
  paperBalance: exchangeAccounts.paperBalance,
  paperInitialBalance: exchangeAccounts.paperInitialBalance,
  createdAt: exchangeAccounts.createdAt,
};

/** One account of this user (without key material), or a 404 AppError. */
export async function getOwnedAccount(userId: number, accountId: number) {
  const [row] = await db
    .select(safeColumns)
    .from(exchangeAccounts)
    .where(and(eq(exchangeAccounts.id, accountId), eq(exchangeAccounts.userId, userId)));
  if (!row) throw new AppError("not_found", "Exchange account not found");
  return row;
}

/** The user's BTCUSDT trading settings row (account selection, auto-trade flag). */
export async function getTradingSelection(userId: number) {
  const [row] = await db
    .select({ accountId: tradingSettings.exchangeAccountId, autoTrade: tradingSettings.autoTrade })
    .from(tradingSettings)
    .where(and(eq(tradingSettings.userId, userId), eq(tradingSettings.symbol, "BTCUSDT")));
  return row ?? { accountId: null, autoTrade: false };
}

/** Every account of the user, masked, paper first. */
export async function listAccounts(userId: number): Promise<AccountView[]> {
  const rows = await db
    .select(safeColumns)
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
