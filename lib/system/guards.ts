import "server-only";
// Checked at the start of every execute job, so switches flipped after a fan-out still stop its orders.
// Everything a job needs is read fresh in two round trips run together: the system switches in one query, and
// the user's trading settings joined with the user and the selected exchange account (scoped by user) in another.
import { and, eq } from "drizzle-orm";
import { db } from "@/db";
import {
  exchangeAccounts,
  tradingSettings,
  users,
  type ExchangeAccount,
  type TradingSettings,
} from "@/db/schema";
import { getSystemSettings } from "./settings";

/** What an execute job may do for one user and symbol, read fresh. */
export type ExecutionContext =
  | { blocked: string }
  | { blocked: null; settings: TradingSettings; userPlan: string; account: ExchangeAccount | null };

/** Guards (global kill switch, paused symbol, suspended user, user kill switch, auto-trade) plus job inputs. */
export async function loadExecutionContext(userId: number, symbol: string): Promise<ExecutionContext> {
  const [system, [row]] = await Promise.all([
    getSystemSettings(["killSwitch", "pausedSymbols"]),
    db
      .select({
        settings: tradingSettings,
        status: users.status,
        plan: users.plan,
        account: exchangeAccounts,
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
      .where(and(eq(tradingSettings.userId, userId), eq(tradingSettings.symbol, symbol))),
  ]);
  if (system.killSwitch) return { blocked: "Global kill switch is on: no new orders." };
  if (system.pausedSymbols.includes(symbol)) return { blocked: `${symbol} is paused by an operator.` };
  if (!row) return { blocked: "No trading settings for this symbol." };
  if (row.status !== "active") return { blocked: "Account suspended." };
  if (row.settings.killSwitch) return { blocked: "Your kill switch is on." };
  if (!row.settings.autoTrade) return { blocked: "Auto-trading was switched off." };
  return { blocked: null, settings: row.settings, userPlan: row.plan, account: row.account };
}

/** Why no new order may be placed for this user and symbol right now, or null when it may. */
export async function executionBlockedReason(userId: number, symbol: string): Promise<string | null> {
  return (await loadExecutionContext(userId, symbol)).blocked;
}
