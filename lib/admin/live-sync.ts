import "server-only";
// Live accounts for the status page: those whose synced state differs from Tickpilot's ledger, or whose exchange
// could not be read at the last sync (longest first), and the reconcile and rate-limit figures. Accounts are read
// through the secret-free column list: never a ciphertext.
import { asc, eq, isNotNull, or, sql } from "drizzle-orm";
import { db } from "@/db";
import { accountSync, exchangeAccounts, users } from "@/db/schema";
import { ACCOUNT_SAFE_COLUMNS } from "@/lib/accounts/exchange-accounts";
import { rateLimitStats } from "@/lib/exchange/rate-limit";
import { reconcileStats } from "@/lib/reconcile/stats";

/** One live account out of sync, as the console lists it. */
export interface OutOfSyncAccount {
  accountId: number;
  userId: number;
  email: string;
  exchange: string;
  label: string;
  testnet: boolean;
  /** How the exchange differs from the ledger, in words (null when only the last read failed). */
  divergence: string | null;
  divergedAt: Date | null;
  syncedAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
}

/** The most accounts the table lists (the total says how many there are). */
export const OUT_OF_SYNC_LIMIT = 50;

const outOfSync = or(isNotNull(accountSync.divergence), isNotNull(accountSync.lastError));

/** Live accounts that diverge or could not be read, longest out of sync first. */
export async function outOfSyncAccounts(
  limit = OUT_OF_SYNC_LIMIT,
): Promise<{ rows: OutOfSyncAccount[]; total: number }> {
  const [rows, [count]] = await Promise.all([
    db
      .select({
        accountId: ACCOUNT_SAFE_COLUMNS.id,
        userId: ACCOUNT_SAFE_COLUMNS.userId,
        email: users.email,
        exchange: ACCOUNT_SAFE_COLUMNS.exchange,
        label: ACCOUNT_SAFE_COLUMNS.label,
        testnet: ACCOUNT_SAFE_COLUMNS.testnet,
        divergence: accountSync.divergence,
        divergedAt: accountSync.divergedAt,
        syncedAt: accountSync.syncedAt,
        lastError: accountSync.lastError,
        lastErrorAt: accountSync.lastErrorAt,
      })
      .from(accountSync)
      .innerJoin(exchangeAccounts, eq(exchangeAccounts.id, accountSync.exchangeAccountId))
      .innerJoin(users, eq(users.id, exchangeAccounts.userId))
      .where(outOfSync)
      .orderBy(
        asc(sql`coalesce(${accountSync.divergedAt}, ${accountSync.lastErrorAt})`),
        asc(accountSync.exchangeAccountId),
      )
      .limit(limit),
    db
      .select({ n: sql<number>`count(*)` })
      .from(accountSync)
      .where(outOfSync),
  ]);
  return { rows, total: Number(count?.n ?? 0) };
}

/** Reconcile lag and divergent accounts, and the shared rate limiter's waits and the exchanges' answers. */
export async function liveSyncStats() {
  const [reconcile, rateLimits] = await Promise.all([reconcileStats(), rateLimitStats()]);
  return { reconcile, rateLimits };
}

/** What liveSyncStats() returns: the reconcile figures and the rate limiter's totals. */
export type LiveSyncStats = Awaited<ReturnType<typeof liveSyncStats>>;
