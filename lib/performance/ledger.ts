import "server-only";
// A user's own round trips, for the performance panel: the positions book, which the paper exchange keeps and
// the reconcile passes keep for live accounts from the exchange's fills (entry and exit, PnL and both legs'
// fees, stop / target / liquidation labels). Positions the owner opened on the exchange by hand are not
// Tickpilot's performance and are left out.
import { and, eq, gte, max } from "drizzle-orm";
import { db } from "@/db";
import { exchangeAccounts, paperLedger, positions } from "@/db/schema";
import { DEFAULT_SYMBOL, getSettings } from "@/lib/trading/settings";

/** One closed round trip of the user's. */
export interface LedgerTrade {
  side: "long" | "short";
  qty: number;
  entryPrice: number;
  exitPrice: number;
  openedAt: Date;
  closedAt: Date;
  exitReason: string;
  pnl: number;
  fees: number;
}

export interface Ledger {
  account: { id: number; exchange: string; label: string };
  /** The balance the period starts from (the paper account's initial balance; null when unknown, e.g. live). */
  startBalance: number | null;
  /** Start of the period: the paper account's last reset, else when the account was added. */
  since: Date;
  trades: LedgerTrade[];
  /** Fees already paid on positions still open. */
  openFees: number;
}

/** The selected account's closed trades since its last reset (null without a selected account). */
export async function readLedger(userId: number, symbol = DEFAULT_SYMBOL): Promise<Ledger | null> {
  const settings = await getSettings(userId, symbol);
  if (!settings.exchangeAccountId) return null;
  const [acct] = await db
    .select()
    .from(exchangeAccounts)
    .where(and(eq(exchangeAccounts.id, settings.exchangeAccountId), eq(exchangeAccounts.userId, userId)));
  if (!acct) return null;
  const [reset] = await db
    .select({ at: max(paperLedger.createdAt) })
    .from(paperLedger)
    .where(and(eq(paperLedger.exchangeAccountId, acct.id), eq(paperLedger.type, "reset")));
  const since = reset?.at ?? acct.createdAt;
  const rows = await db
    .select()
    .from(positions)
    .where(
      and(
        eq(positions.exchangeAccountId, acct.id),
        eq(positions.origin, "tickpilot"),
        gte(positions.openedAt, since),
      ),
    )
    .orderBy(positions.closedAt, positions.id);
  const closed = rows.filter((p) => p.status === "closed" && p.closeReason !== "reset" && p.closedAt);
  return {
    account: { id: acct.id, exchange: acct.exchange, label: acct.label },
    startBalance: acct.exchange === "paper" ? (acct.paperInitialBalance ?? null) : null,
    since,
    trades: closed.map((p) => ({
      side: p.side,
      qty: p.qty,
      entryPrice: p.entryPrice,
      exitPrice: p.closePrice ?? p.entryPrice,
      openedAt: p.openedAt,
      closedAt: p.closedAt!,
      exitReason: p.closeReason ?? "signal",
      pnl: p.realizedPnl,
      fees: p.fees,
    })),
    openFees: rows.filter((p) => p.status === "open").reduce((s, p) => s + p.fees, 0),
  };
}
