import "server-only";
// The paper exchange behind the common adapter interface. Leverage per symbol is kept in Redis
// (a setting, not money); balances, orders and positions live in MySQL.
import { and, eq } from "drizzle-orm";
import { db } from "@/db";
import { exchangeAccounts, positions, type Position } from "@/db/schema";
import { createBatcher, groupBy } from "@/lib/batch/batcher";
import { inList } from "@/lib/batch/bulk-sql";
import { latestCandle, latestCandles } from "@/lib/market/series";
import { env } from "@/lib/env";
import { redis, rkey } from "@/lib/redis";
import {
  ExchangeError,
  type Balance,
  type ExchangeAdapter,
  type ExchangeFill,
  type ExchangeOrder,
  type ExchangePosition,
  type KeyPermissions,
  type MarketLimits,
  type PlaceOrderInput,
} from "../types";
import { paperFills } from "./fills";
import { PAPER_LIMITS } from "./limits";
import { pnl } from "./math";
import { findPaperOrderByClientId, placePaperOrder } from "./place-order";

/** PAPER_LATENCY_MS (benchmarks): wait like a round-trip to a remote exchange before each call. */
const roundTrip = () =>
  env.PAPER_LATENCY_MS > 0 ? new Promise((r) => setTimeout(r, env.PAPER_LATENCY_MS)) : Promise.resolve();

const leverageKey = (accountId: number) => rkey(`paper:leverage:${accountId}`);

interface Summary {
  balance: number;
  initial: number;
  margin: number;
  unrealized: number;
  equity: number;
  openPositions: Position[];
}

// The balances and open positions asked for by concurrent jobs (getBalance and getPosition of one job share
// it too) are read together (lib/batch): two queries per batch.
const stateBatch = createBatcher<number, Summary>({
  async run(accountIds) {
    const [accounts, open] = await Promise.all([
      db
        .select({
          id: exchangeAccounts.id,
          balance: exchangeAccounts.paperBalance,
          initial: exchangeAccounts.paperInitialBalance,
        })
        .from(exchangeAccounts)
        .where(inList(exchangeAccounts.id, accountIds)),
      db
        .select()
        .from(positions)
        .where(and(inList(positions.exchangeAccountId, accountIds), eq(positions.status, "open"))),
    ]);
    const prices = await latestCandles(open.map((p) => p.symbol));
    const byAccount = new Map(accounts.map((a) => [a.id, a]));
    const openByAccount = groupBy(open, (p) => p.exchangeAccountId);
    return accountIds.map((id) => {
      const mine = openByAccount.get(id) ?? [];
      let margin = 0;
      let unrealized = 0;
      for (const p of mine) {
        margin += p.margin;
        const c = prices.get(p.symbol);
        if (c) unrealized += pnl(p.side, p.qty, p.entryPrice, c.c);
      }
      const acct = byAccount.get(id);
      const balance = acct?.balance ?? 0;
      return {
        balance,
        initial: acct?.initial ?? 0,
        margin,
        unrealized,
        equity: balance + unrealized,
        openPositions: mine,
      };
    });
  },
});

/** Wallet balance, margin in use, open positions and unrealised PnL at the latest prices. */
export function paperSummary(accountId: number): Promise<Summary> {
  return stateBatch(accountId);
}

/** The paper exchange for one account. */
export class PaperAdapter implements ExchangeAdapter {
  readonly exchange = "paper";
  constructor(private readonly accountId: number) {}

  async getBalance(): Promise<Balance> {
    await roundTrip();
    const s = await paperSummary(this.accountId);
    return { equity: s.equity, available: Math.max(0, s.balance - s.margin), currency: "USDT" };
  }

  async getPosition(symbol: string): Promise<ExchangePosition | null> {
    await roundTrip();
    const p = (await paperSummary(this.accountId)).openPositions.find((o) => o.symbol === symbol);
    if (!p) return null;
    const c = await latestCandle(symbol);
    return {
      symbol,
      side: p.side,
      qty: p.qty,
      entryPrice: p.entryPrice,
      leverage: p.leverage,
      unrealizedPnl: c ? pnl(p.side, p.qty, p.entryPrice, c.c) : 0,
      liquidationPrice: p.liquidationPrice,
      stopLoss: p.stopLoss,
      takeProfit: p.takeProfit,
    };
  }

  async getMarketLimits(): Promise<MarketLimits> {
    await roundTrip();
    return { ...PAPER_LIMITS };
  }

  async setLeverage(symbol: string, leverage: number): Promise<void> {
    await roundTrip();
    if (!Number.isInteger(leverage) || leverage < 1 || leverage > PAPER_LIMITS.maxLeverage)
      throw new ExchangeError(
        "rejected",
        `Leverage must be a whole number from 1 to ${PAPER_LIMITS.maxLeverage}`,
      );
    await redis().hset(leverageKey(this.accountId), symbol, String(leverage));
  }

  async placeMarketOrder(input: PlaceOrderInput): Promise<ExchangeOrder> {
    await roundTrip();
    const lev = Number((await redis().hget(leverageKey(this.accountId), input.symbol)) ?? 1);
    return placePaperOrder(this.accountId, input, lev);
  }

  async findOrderByClientId(_symbol: string, clientOrderId: string): Promise<ExchangeOrder | null> {
    await roundTrip();
    return findPaperOrderByClientId(this.accountId, clientOrderId);
  }

  async fetchOpenOrders(): Promise<ExchangeOrder[]> {
    // Paper market orders fill at once: nothing is ever left open.
    return [];
  }

  async fetchFills(symbol: string, since: number): Promise<ExchangeFill[]> {
    return paperFills(this.accountId, symbol, since);
  }

  async cancelOrder(): Promise<void> {
    // Paper market orders fill at once; there is never an open order to cancel.
    throw new ExchangeError("not_found", "Paper market orders fill immediately; there is nothing to cancel");
  }

  async getPermissions(): Promise<KeyPermissions> {
    return { canTrade: true, canWithdraw: false, raw: { paper: true } };
  }
}
