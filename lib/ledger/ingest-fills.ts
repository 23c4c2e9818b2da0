import "server-only";
// A live account's executions into the one ledger: each new fill (unique per account + exchange trade id, so a
// second sync adds nothing) is applied to the account's position at average cost, labelled (the exchange's stop,
// target or liquidation; Tickpilot; or the owner by hand) and written with what it realised. Positions keep the
// paper shape; an exit Tickpilot did not make is also written to the trade log.
import { createHash } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { db } from "@/db";
import { exchangeAccounts, fills, orders, positions, type NewFill, type Position } from "@/db/schema";
import { parseClientOrderId } from "@/lib/execution/client-order-id";
import type { ExchangeFill } from "@/lib/exchange/types";
import { applyFill, type LedgerPosition } from "./position-math";

type Tx = Parameters<Parameters<typeof db.transaction>[0]>[0];
const r8 = (x: number) => Math.round(x * 1e8) / 1e8;

/** The account a sync writes for. */
export interface LedgerAccount {
  id: number;
  userId: number;
}

/** Why a reducing fill closed: the exchange's own exit, Tickpilot's order, or the owner's. */
export function exitKindOf(f: ExchangeFill): NonNullable<NewFill["exitKind"]> {
  if (f.exit) return f.exit;
  return parseClientOrderId(f.clientOrderId) ? "tickpilot" : "manual";
}

const CLOSE_REASON = {
  stop_loss: "stop_loss",
  take_profit: "take_profit",
  liquidation: "liquidation",
  manual: "manual",
  tickpilot: "signal",
} as const;

const EXIT_WORDS = {
  stop_loss: "Stop loss triggered on the exchange",
  take_profit: "Take profit triggered on the exchange",
  liquidation: "Liquidated by the exchange",
  manual: "Closed by you on the exchange",
} as const;

/** The trade-log client order id of an exit Tickpilot did not place (unique per account and trade). */
export function exitClientOrderId(accountId: number, tradeId: string): string {
  return `ex-${createHash("sha256").update(`${accountId}|${tradeId}`).digest("hex").slice(0, 30)}`;
}

// The trade log row of an exit Tickpilot did not place.
function exitOrderRow(
  account: LedgerAccount,
  f: ExchangeFill,
  kind: keyof typeof EXIT_WORDS,
  realized: number,
) {
  return {
    userId: account.userId,
    exchangeAccountId: account.id,
    symbol: f.symbol,
    clientOrderId: exitClientOrderId(account.id, f.tradeId),
    kind,
    side: f.side,
    qty: r8(f.qty),
    filledQty: r8(f.qty),
    price: r8(f.price),
    status: "filled" as const,
    reason: EXIT_WORDS[kind],
    exchangeOrderId: f.orderId.slice(0, 64),
    fee: r8(f.fee),
    realizedPnl: r8(realized),
    createdAt: new Date(f.time),
  };
}

async function writePosition(
  tx: Tx,
  account: LedgerAccount,
  symbol: string,
  row: Position | null,
  next: LedgerPosition | null,
  change: {
    at: Date;
    origin: "tickpilot" | "foreign";
    closeReason: Position["closeReason"];
    fee: number;
    pnl: number;
    /** Price of the fill (a position it closes records it as its exit price). */
    price: number;
  },
): Promise<Position | null> {
  if (row && (!next || next.side !== row.side)) {
    await tx
      .update(positions)
      .set({
        status: "closed",
        openKey: null,
        closedAt: change.at,
        closePrice: r8(change.price),
        closeReason: change.closeReason,
        qty: row.qty,
        fees: r8(row.fees + change.fee),
        realizedPnl: r8(row.realizedPnl + change.pnl),
      })
      .where(eq(positions.id, row.id));
    row = null;
  } else if (row && next) {
    await tx
      .update(positions)
      .set({
        qty: r8(next.qty),
        entryPrice: r8(next.entryPrice),
        fees: r8(row.fees + change.fee),
        realizedPnl: r8(row.realizedPnl + change.pnl),
      })
      .where(eq(positions.id, row.id));
    return { ...row, qty: r8(next.qty), entryPrice: r8(next.entryPrice), fees: r8(row.fees + change.fee) };
  }
  if (!next) return null;
  const [ins] = await tx
    .insert(positions)
    .values({
      userId: account.userId,
      exchangeAccountId: account.id,
      symbol,
      side: next.side,
      qty: r8(next.qty),
      entryPrice: r8(next.entryPrice),
      leverage: 1,
      margin: 0,
      status: "open",
      openKey: `${account.id}:${symbol}`,
      origin: change.origin,
      fees: r8(change.fee),
      openedAt: change.at,
    })
    .$returningId();
  return (await tx.select().from(positions).where(eq(positions.id, ins!.id)))[0] ?? null;
}

/** Write the fills of `symbol` not yet in the ledger (oldest first); returns the new ledger rows. */
export async function ingestFills(account: LedgerAccount, symbol: string, exFills: ExchangeFill[]) {
  if (exFills.length === 0) return [];
  return db.transaction(async (tx) => {
    // One sync of an account at a time: the account row's lock orders concurrent syncs.
    await tx
      .select({ id: exchangeAccounts.id })
      .from(exchangeAccounts)
      .where(eq(exchangeAccounts.id, account.id))
      .for("update");
    const known = new Set(
      (
        await tx
          .select({ tradeId: fills.tradeId })
          .from(fills)
          .where(
            and(
              eq(fills.exchangeAccountId, account.id),
              inArray(
                fills.tradeId,
                exFills.map((f) => f.tradeId),
              ),
            ),
          )
      ).map((r) => r.tradeId),
    );
    const fresh = exFills.filter((f) => !known.has(f.tradeId)).sort((a, b) => a.time - b.time);
    let row =
      (
        await tx
          .select()
          .from(positions)
          .where(
            and(
              eq(positions.exchangeAccountId, account.id),
              eq(positions.symbol, symbol),
              eq(positions.status, "open"),
            ),
          )
      )[0] ?? null;
    const written: NewFill[] = [];
    for (const f of fresh) {
      const ours = parseClientOrderId(f.clientOrderId) !== null;
      const applied = applyFill(row ? { side: row.side, qty: row.qty, entryPrice: row.entryPrice } : null, f);
      const kind = applied.closedQty > 0 ? exitKindOf(f) : null;
      const at = new Date(f.time);
      row = await writePosition(tx, account, symbol, row, applied.position, {
        at,
        origin: ours ? "tickpilot" : "foreign",
        closeReason: kind ? CLOSE_REASON[kind] : null,
        fee: f.fee,
        pnl: applied.realized,
        price: f.price,
      });
      const fill: NewFill = {
        userId: account.userId,
        exchangeAccountId: account.id,
        symbol,
        tradeId: f.tradeId,
        exchangeOrderId: f.orderId.slice(0, 64),
        clientOrderId: f.clientOrderId?.slice(0, 64) ?? null,
        side: f.side,
        qty: r8(f.qty),
        price: r8(f.price),
        fee: r8(f.fee),
        feeCurrency: f.feeCurrency.slice(0, 16),
        realizedPnl: r8(applied.realized),
        liquidity: f.liquidity,
        reduces: applied.closedQty > 0,
        exitKind: kind,
        origin: ours ? "tickpilot" : "foreign",
        executedAt: at,
      };
      await tx.insert(fills).values(fill);
      written.push(fill);
      if (kind && kind !== "tickpilot")
        await tx.insert(orders).values(exitOrderRow(account, f, kind, applied.realized));
    }
    return written;
  });
}
