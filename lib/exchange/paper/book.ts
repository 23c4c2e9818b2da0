import "server-only";
// The paper exchange's books in MySQL: locked account reads, balance changes with their ledger rows.
// Every change runs inside a transaction that first locks the account row, so changes serialise per account.
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { exchangeAccounts, paperLedger, positions, type Position } from "@/db/schema";
import { AppError } from "@/lib/api/errors";
import { r8 } from "./math";

/** A drizzle transaction. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export { paperRules } from "./rules";

/** Lock and read a paper account (SELECT … FOR UPDATE). */
export async function lockPaperAccount(tx: Tx, accountId: number) {
  const [acct] = await tx
    .select()
    .from(exchangeAccounts)
    .where(and(eq(exchangeAccounts.id, accountId), eq(exchangeAccounts.exchange, "paper")))
    .for("update");
  if (!acct) throw new AppError("not_found", "Paper account not found");
  return acct;
}

/** Run a transaction, retrying a few times when MariaDB picks it as a deadlock victim. */
export async function withDeadlockRetry<T>(fn: () => Promise<T>, attempts = 4): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (err) {
      const e = err as { code?: string; cause?: { code?: string } };
      const code = e.cause?.code ?? e.code;
      if (i >= attempts || (code !== "ER_LOCK_DEADLOCK" && code !== "ER_LOCK_WAIT_TIMEOUT")) throw err;
      await new Promise((r) => setTimeout(r, 5 * i + Math.random() * 20));
    }
  }
}

/** Change the wallet balance by `amount` and write the ledger row; returns the new balance. */
export async function moveBalance(
  tx: Tx,
  accountId: number,
  balance: number,
  amount: number,
  type: (typeof paperLedger.$inferInsert)["type"],
  refs: { paperOrderId?: number; positionId?: number } = {},
): Promise<number> {
  const after = r8(balance + amount);
  if (amount === 0 && type !== "reset") return balance;
  await tx.update(exchangeAccounts).set({ paperBalance: after }).where(eq(exchangeAccounts.id, accountId));
  await tx.insert(paperLedger).values({
    exchangeAccountId: accountId,
    type,
    amount: r8(amount),
    balanceAfter: after,
    paperOrderId: refs.paperOrderId ?? null,
    positionId: refs.positionId ?? null,
  });
  return after;
}

/** Close a position row (no balance change; callers book PnL and fees). */
export async function markClosed(
  tx: Tx,
  pos: Position,
  closePrice: number,
  reason: NonNullable<Position["closeReason"]>,
  addFees: number,
  addPnl: number,
  at: Date = new Date(),
): Promise<void> {
  await tx
    .update(positions)
    .set({
      status: "closed",
      openKey: null,
      closePrice: r8(closePrice),
      closeReason: reason,
      closedAt: at,
      fees: r8(pos.fees + addFees),
      realizedPnl: r8(pos.realizedPnl + addPnl),
    })
    .where(eq(positions.id, pos.id));
}
