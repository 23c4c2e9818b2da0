import "server-only";
// The dashboard's money view of the user's selected account: equity, available margin, realised PnL (today
// and total, from closed positions), the open position and the latest price. Exchange failures become a
// message on the card instead of an error page.
import { and, eq, gte, sql } from "drizzle-orm";
import { ACCOUNT_SAFE_QUERY_COLUMNS } from "@/lib/accounts/exchange-accounts";
import { db } from "@/db";
import { exchangeAccounts, positions } from "@/db/schema";
import { getAdapter } from "@/lib/exchange/get-adapter";
import { ExchangeError, type ExchangePosition } from "@/lib/exchange/types";
import { getLogger } from "@/lib/log";
import { latestCandle } from "@/lib/market/series";
import { DEFAULT_SYMBOL, getSettings } from "./settings";

const log = getLogger("portfolio");

export interface Portfolio {
  account: { id: number; exchange: string; label: string } | null;
  symbol: string;
  /** Null when the exchange could not be reached (see `error`). */
  equity: number | null;
  available: number | null;
  realizedToday: number;
  realizedTotal: number;
  position: ExchangePosition | null;
  /** Last price of `symbol` from the shared feed (null before the feed's first candle). */
  price: number | null;
  /** A message for the user when the exchange failed; null when all is well. */
  error: string | null;
}

// Sum of realised PnL of the account's closed positions since `from` (all time when omitted).
async function realized(accountId: number, from?: Date): Promise<number> {
  const [row] = await db
    .select({ n: sql<string>`COALESCE(SUM(${positions.realizedPnl}), 0)` })
    .from(positions)
    .where(
      and(
        eq(positions.exchangeAccountId, accountId),
        eq(positions.status, "closed"),
        from ? gte(positions.closedAt, from) : undefined,
      ),
    );
  return Number(row?.n ?? 0);
}

/** The portfolio of the user's selected account for `symbol` (account null when none is selected). */
export async function getPortfolio(userId: number, symbol = DEFAULT_SYMBOL): Promise<Portfolio> {
  const settings = await getSettings(userId, symbol);
  const candle = await latestCandle(symbol);
  const base: Portfolio = {
    account: null,
    symbol,
    equity: null,
    available: null,
    realizedToday: 0,
    realizedTotal: 0,
    position: null,
    price: candle?.c ?? null,
    error: null,
  };
  if (!settings.exchangeAccountId) return base;
  const acct = await db.query.exchangeAccounts.findFirst({
    columns: ACCOUNT_SAFE_QUERY_COLUMNS,
    where: and(eq(exchangeAccounts.id, settings.exchangeAccountId), eq(exchangeAccounts.userId, userId)),
  });
  if (!acct) return base;
  const midnight = new Date();
  midnight.setUTCHours(0, 0, 0, 0);
  const [realizedToday, realizedTotal] = await Promise.all([realized(acct.id, midnight), realized(acct.id)]);
  const out: Portfolio = {
    ...base,
    account: { id: acct.id, exchange: acct.exchange, label: acct.label },
    realizedToday,
    realizedTotal,
  };
  try {
    const adapter = await getAdapter(acct.id, userId);
    const [balance, position] = await Promise.all([adapter.getBalance(), adapter.getPosition(symbol)]);
    return { ...out, equity: balance.equity, available: balance.available, position };
  } catch (err) {
    if (!(err instanceof ExchangeError)) throw err;
    log.warn({ accountId: acct.id, kind: err.kind }, "portfolio: exchange unreachable");
    return { ...out, error: `Exchange unreachable: ${err.message}` };
  }
}
