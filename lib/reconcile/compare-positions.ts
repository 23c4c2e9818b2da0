import "server-only";
// The exchange's position against the ledger's, after the fills are in. When they agree, the ledger takes what
// only the exchange knows (leverage, liquidation price, stop and target as they stand there). When they do not,
// the difference is said in words for the admin console; a position the ledger never saw is recorded as foreign
// (never touched by Tickpilot), one the exchange no longer holds is closed.
import { and, eq } from "drizzle-orm";
import { db } from "@/db";
import { positions } from "@/db/schema";
import type { ExchangePosition } from "@/lib/exchange/types";
import type { LedgerAccount } from "@/lib/ledger/ingest-fills";

const r8 = (x: number) => Math.round(x * 1e8) / 1e8;
const fmt = (side: string, qty: number, price: number) =>
  `${side} ${qty} at ${price.toLocaleString("en-US")}`;

/** Compare and align; `note` describes a divergence (null when none), `open` whether anything is open. */
export async function comparePositions(
  account: LedgerAccount,
  symbol: string,
  ex: ExchangePosition | null,
): Promise<{ note: string | null; open: boolean }> {
  const [row] = await db
    .select()
    .from(positions)
    .where(
      and(
        eq(positions.exchangeAccountId, account.id),
        eq(positions.symbol, symbol),
        eq(positions.status, "open"),
      ),
    );
  if (!ex && !row) return { note: null, open: false };
  if (ex && row && ex.side === row.side && Math.abs(ex.qty - row.qty) < 1e-9) {
    await db
      .update(positions)
      .set({
        leverage: Math.max(1, Math.round(ex.leverage)),
        margin: r8((row.qty * row.entryPrice) / Math.max(1, ex.leverage)),
        liquidationPrice: ex.liquidationPrice,
        stopLoss: ex.stopLoss,
        takeProfit: ex.takeProfit,
      })
      .where(eq(positions.id, row.id));
    return { note: null, open: true };
  }
  if (ex && !row) {
    await db.insert(positions).values({
      userId: account.userId,
      exchangeAccountId: account.id,
      symbol,
      side: ex.side,
      qty: r8(ex.qty),
      entryPrice: r8(ex.entryPrice),
      leverage: Math.max(1, Math.round(ex.leverage)),
      margin: r8((ex.qty * ex.entryPrice) / Math.max(1, ex.leverage)),
      liquidationPrice: ex.liquidationPrice,
      stopLoss: ex.stopLoss,
      takeProfit: ex.takeProfit,
      status: "open",
      openKey: `${account.id}:${symbol}`,
      origin: "foreign",
    });
    return {
      note: `${symbol}: the exchange holds ${fmt(ex.side, ex.qty, ex.entryPrice)} that no fill in the ledger explains; recorded as the owner's own.`,
      open: true,
    };
  }
  if (!ex && row) {
    await db
      .update(positions)
      .set({ status: "closed", openKey: null, closedAt: new Date(), closeReason: "manual" })
      .where(eq(positions.id, row.id));
    return {
      note: `${symbol}: the ledger had ${fmt(row.side, row.qty, row.entryPrice)} that the exchange no longer holds, and no fill closed it.`,
      open: false,
    };
  }
  return {
    note: `${symbol}: the exchange holds ${fmt(ex!.side, ex!.qty, ex!.entryPrice)}, the ledger ${fmt(row!.side, row!.qty, row!.entryPrice)}.`,
    open: true,
  };
}
