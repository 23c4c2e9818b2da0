import "server-only";
// Checked at the start of every execute job, so switches flipped after a fan-out still stop its orders.
// Everything a job needs is read fresh: the system switches, and the user's trading settings joined with the user
// and the selected exchange account (scoped by user), plus the user's subscriptions when billing is on. The
// reads of concurrent jobs are batched (lib/batch): one query each per batch instead of per job.
import { and, eq } from "drizzle-orm";
import { db } from "@/db";
import {
  exchangeAccounts,
  tradingSettings,
  users,
  type ExchangeAccount,
  type TradingSettings,
} from "@/db/schema";
import { createBatcher } from "@/lib/batch/batcher";
import { inList } from "@/lib/batch/bulk-sql";
import { planAccessFrom, subscriptionsOf, type PlanAccess } from "@/lib/billing/limits";
import { getSystemSettings } from "./settings";

// Only the columns execution uses (not the custom prompt, labels or timestamps): thousands of rows per batch.
const SETTINGS_COLUMNS = {
  id: tradingSettings.id,
  userId: tradingSettings.userId,
  symbol: tradingSettings.symbol,
  autoTrade: tradingSettings.autoTrade,
  killSwitch: tradingSettings.killSwitch,
  exchangeAccountId: tradingSettings.exchangeAccountId,
  riskLevel: tradingSettings.riskLevel,
  maxLeverage: tradingSettings.maxLeverage,
  minConfidence: tradingSettings.minConfidence,
  dailyLossLimit: tradingSettings.dailyLossLimit,
  followMode: tradingSettings.followMode,
};
const ACCOUNT_COLUMNS = {
  id: exchangeAccounts.id,
  userId: exchangeAccounts.userId,
  exchange: exchangeAccounts.exchange,
  status: exchangeAccounts.status,
  testnet: exchangeAccounts.testnet,
  apiKeyEnc: exchangeAccounts.apiKeyEnc,
  apiSecretEnc: exchangeAccounts.apiSecretEnc,
  apiPassphraseEnc: exchangeAccounts.apiPassphraseEnc,
};
export type ExecutionSettings = Pick<TradingSettings, keyof typeof SETTINGS_COLUMNS>;
export type ExecutionAccount = Pick<ExchangeAccount, keyof typeof ACCOUNT_COLUMNS>;

/** What an execute job may do for one user and symbol, read fresh. */
export type ExecutionContext =
  | { blocked: string }
  | { blocked: null; settings: ExecutionSettings; access: PlanAccess; account: ExecutionAccount | null };

type Key = { userId: number; symbol: string };

const contextBatch = createBatcher<Key, ExecutionContext>({
  async run(keys) {
    const userIds = keys.map((k) => k.userId);
    const [system, rows, subs] = await Promise.all([
      getSystemSettings(["killSwitch", "pausedSymbols"]),
      db
        .select({
          settings: SETTINGS_COLUMNS,
          status: users.status,
          plan: users.plan,
          account: ACCOUNT_COLUMNS,
        })
        .from(tradingSettings)
        .innerJoin(users, eq(users.id, tradingSettings.userId))
        .leftJoin(
          exchangeAccounts,
          and(
            eq(exchangeAccounts.id, tradingSettings.exchangeAccountId),
            eq(exchangeAccounts.userId, tradingSettings.userId),
          ),
        )
        .where(
          and(
            inList(tradingSettings.userId, userIds),
            inList(
              tradingSettings.symbol,
              keys.map((k) => k.symbol),
            ),
          ),
        ),
      subscriptionsOf(userIds),
    ]);
    const byKey = new Map(rows.map((r) => [`${r.settings.userId}:${r.settings.symbol}`, r]));
    return keys.map(({ userId, symbol }): ExecutionContext => {
      if (system.killSwitch) return { blocked: "Global kill switch is on: no new orders." };
      if (system.pausedSymbols.includes(symbol)) return { blocked: `${symbol} is paused by an operator.` };
      const row = byKey.get(`${userId}:${symbol}`);
      if (!row) return { blocked: "No trading settings for this symbol." };
      if (row.status !== "active") return { blocked: "Account suspended." };
      if (row.settings.killSwitch) return { blocked: "Your kill switch is on." };
      if (!row.settings.autoTrade) return { blocked: "Auto-trading was switched off." };
      const access = planAccessFrom(row.plan, subs.get(userId) ?? []);
      return { blocked: null, settings: row.settings, access, account: row.account };
    });
  },
});

/** Guards (global kill switch, paused symbol, suspended user, user kill switch, auto-trade) plus job inputs. */
export function loadExecutionContext(userId: number, symbol: string): Promise<ExecutionContext> {
  return contextBatch({ userId, symbol });
}

/** Why no new order may be placed for this user and symbol right now, or null when it may. */
export async function executionBlockedReason(userId: number, symbol: string): Promise<string | null> {
  return (await loadExecutionContext(userId, symbol)).blocked;
}

/**
 * The account a user has selected for a symbol, whatever the guards say (a resumed job must ask that exchange
 * what an earlier attempt placed even when auto-trading has been switched off since).
 */
export async function loadSelectedAccount(userId: number, symbol: string): Promise<ExecutionAccount | null> {
  const [row] = await db
    .select({ account: ACCOUNT_COLUMNS })
    .from(tradingSettings)
    .innerJoin(
      exchangeAccounts,
      and(
        eq(exchangeAccounts.id, tradingSettings.exchangeAccountId),
        eq(exchangeAccounts.userId, tradingSettings.userId),
      ),
    )
    .where(and(eq(tradingSettings.userId, userId), eq(tradingSettings.symbol, symbol)));
  return row?.account ?? null;
}
