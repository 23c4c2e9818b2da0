import "server-only";
// The dashboard's money view of the user's selected account: equity, available margin, realised PnL (today and
// total, from the one ledger of fills), the open position and the latest price. The web process never decrypts
// an exchange key: a paper account is read from its own books, a live one from what the reconcile worker last
// synced (shown with its age).
import { and, eq, gte, sql } from "drizzle-orm";
import { db } from "@/db";
import { accountSync, exchangeAccounts, fills, positions } from "@/db/schema";
import { PaperAdapter } from "@/lib/exchange/paper/adapter";
import { pnl } from "@/lib/exchange/paper/math";
import type { ExchangePosition } from "@/lib/exchange/types";
import { latestCandle } from "@/lib/market/series";
import { getSettings } from "./settings";
import { DEFAULT_SYMBOL } from "./symbols";

export interface Portfolio {
  account: { id: number; exchange: string; label: string } | null;
  symbol: string;
  /** Null when not known (a live account never synced, or the exchange unreachable; see `error`). */
  equity: number | null;
  available: number | null;
  realizedToday: number;
  realizedTotal: number;
  position: (ExchangePosition & { origin: "tickpilot" | "foreign" }) | null;
  /** Last price of `symbol` from the shared feed (null before the feed's first candle). */
  price: number | null;
  /** A message for the user when something is wrong; null when all is well. */
  error: string | null;
  /** Live accounts: when the exchange was last read (ISO), and how the ledger differs from it, if it does. */
  syncedAt: string | null;
  divergence: string | null;
  /** Live accounts: leverage and margin mode the exchange reported, and open orders Tickpilot did not place. */
  exchangeLeverage: number | null;
  marginMode: string | null;
  foreignOpenOrders: number;
}

/** Realised PnL net of fees of an account's fills since `from` (all time when omitted). */
export async function realizedNet(accountId: number, from?: Date): Promise<number> {
  const [row] = await db
    .select({ n: sql<string>`COALESCE(SUM(${fills.realizedPnl} - ${fills.fee}), 0)` })
    .from(fills)
    .where(and(eq(fills.exchangeAccountId, accountId), from ? gte(fills.executedAt, from) : undefined));
  return Number(row?.n ?? 0);
}

// The ledger's open position of a live account, marked at the latest price.
async function ledgerPosition(
  accountId: number,
  symbol: string,
  price: number | null,
): Promise<Portfolio["position"]> {
  const [p] = await db
    .select()
    .from(positions)
    .where(
      and(
        eq(positions.exchangeAccountId, accountId),
        eq(positions.symbol, symbol),
        eq(positions.status, "open"),
      ),
    );
  if (!p) return null;
  return {
    symbol,
    side: p.side,
    qty: p.qty,
    entryPrice: p.entryPrice,
    leverage: p.leverage,
    unrealizedPnl: price === null ? 0 : pnl(p.side, p.qty, p.entryPrice, price),
    liquidationPrice: p.liquidationPrice,
    stopLoss: p.stopLoss,
    takeProfit: p.takeProfit,
    origin: p.origin,
  };
}

/** The portfolio of the user's selected account for `symbol` (account null when none is selected). */
export async function getPortfolio(userId: number, symbol = DEFAULT_SYMBOL): Promise<Portfolio> {
  const settings = await getSettings(userId, symbol);
  const candle = await latestCandle(symbol);
  const price = candle?.c ?? null;
  const base: Portfolio = {
    account: null,
    symbol,
    equity: null,
    available: null,
    realizedToday: 0,
    realizedTotal: 0,
    position: null,
    price,
    error: null,
    syncedAt: null,
    divergence: null,
    exchangeLeverage: null,
    marginMode: null,
    foreignOpenOrders: 0,
  };
  if (!settings.exchangeAccountId) return base;
  const acct = await db.query.exchangeAccounts.findFirst({
    where: and(eq(exchangeAccounts.id, settings.exchangeAccountId), eq(exchangeAccounts.userId, userId)),
    columns: { id: true, exchange: true, label: true },
  });
  if (!acct) return base;
  const midnight = new Date();
  midnight.setUTCHours(0, 0, 0, 0);
  const [realizedToday, realizedTotal] = await Promise.all([
    realizedNet(acct.id, midnight),
    realizedNet(acct.id),
  ]);
  const out: Portfolio = { ...base, account: acct, realizedToday, realizedTotal };
  if (acct.exchange === "paper") {
    const paper = new PaperAdapter(acct.id);
    const [balance, position] = await Promise.all([paper.getBalance(), paper.getPosition(symbol)]);
    return {
      ...out,
      equity: balance.equity,
      available: balance.available,
      position: position && { ...position, origin: "tickpilot" },
    };
  }
  const [sync] = await db.select().from(accountSync).where(eq(accountSync.exchangeAccountId, acct.id));
  return {
    ...out,
    equity: sync?.equity ?? null,
    available: sync?.available ?? null,
    position: await ledgerPosition(acct.id, symbol, price),
    syncedAt: sync?.syncedAt?.toISOString() ?? null,
    divergence: sync?.divergence ?? null,
    exchangeLeverage: sync?.leverage ?? null,
    marginMode: sync?.marginMode ?? null,
    foreignOpenOrders: sync?.foreignOpenOrders ?? 0,
    error: sync?.lastError
      ? `The exchange could not be read at the last sync: ${sync.lastError}`
      : sync?.syncedAt
        ? null
        : "Not synced with the exchange yet: balances appear after the first sync (within a minute).",
  };
}
