import "server-only";
// The paper exchange's executions, in the one trading ledger (`fills`): every filled paper order — entries,
// Tickpilot's closes, and the exchange-side stop loss, take profit and liquidation exits — writes one fill with
// the PnL it realised and its fee, exactly as a live account's fills come back from its exchange.
import { and, asc, eq, gte } from "drizzle-orm";
import { db } from "@/db";
import { fills, type NewFill } from "@/db/schema";
import { insertRows } from "@/lib/batch/bulk-sql";
import type { ExchangeFill } from "../types";
import type { Tx } from "./book";

/** What a fill row needs from a filled paper order. */
export interface PaperFillSource {
  paperOrderId: number;
  userId: number;
  accountId: number;
  symbol: string;
  clientOrderId: string;
  side: "buy" | "sell";
  qty: number;
  price: number;
  fee: number;
  realizedPnl: number;
  /** The order reduced a position (a close, a flip's close leg, an exit). */
  reduces: boolean;
  exitKind: NewFill["exitKind"];
  at?: Date;
}

/** The ledger row of a filled paper order (trade id `paper-<paper order id>`). */
export function paperFillRow(f: PaperFillSource): NewFill {
  return {
    userId: f.userId,
    exchangeAccountId: f.accountId,
    symbol: f.symbol,
    tradeId: `paper-${f.paperOrderId}`,
    exchangeOrderId: String(f.paperOrderId),
    clientOrderId: f.clientOrderId,
    side: f.side,
    qty: f.qty,
    price: f.price,
    fee: f.fee,
    realizedPnl: f.realizedPnl,
    liquidity: "taker",
    reduces: f.reduces,
    exitKind: f.exitKind,
    origin: "tickpilot",
    executedAt: f.at ?? new Date(),
  };
}

/** Write the fills of a booking in its transaction (one multi-row statement). */
export async function writePaperFills(tx: Tx, sources: PaperFillSource[]): Promise<void> {
  if (sources.length === 0) return;
  await insertRows(tx, fills, sources.map(paperFillRow), { ignore: true });
}

/** A paper account's fills of `symbol` since `since`, oldest first, in the adapter's shape. */
export async function paperFills(accountId: number, symbol: string, since: number): Promise<ExchangeFill[]> {
  const rows = await db
    .select()
    .from(fills)
    .where(
      and(
        eq(fills.exchangeAccountId, accountId),
        eq(fills.symbol, symbol),
        gte(fills.executedAt, new Date(since)),
      ),
    )
    .orderBy(asc(fills.executedAt), asc(fills.id));
  return rows.map((r) => ({
    tradeId: r.tradeId,
    orderId: r.exchangeOrderId ?? "",
    clientOrderId: r.clientOrderId,
    symbol: r.symbol,
    side: r.side,
    qty: r.qty,
    price: r.price,
    fee: r.fee,
    feeCurrency: r.feeCurrency,
    liquidity: r.liquidity,
    exit:
      r.exitKind === "stop_loss" || r.exitKind === "take_profit" || r.exitKind === "liquidation"
        ? r.exitKind
        : null,
    time: r.executedAt.getTime(),
  }));
}
