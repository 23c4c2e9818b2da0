import "server-only";
// Reset a paper account: open positions closed (reason "reset", no PnL booked), balance back to the initial one.
import { and, eq } from "drizzle-orm";
import { db } from "@/db";
import { positions } from "@/db/schema";
import { env } from "@/lib/env";
import { lockPaperAccount, markClosed, moveBalance, withDeadlockRetry } from "./book";

/** Reset the account's paper book; returns the new balance. */
export async function resetPaperAccount(accountId: number): Promise<number> {
  return withDeadlockRetry(() =>
    db.transaction(async (tx) => {
      const acct = await lockPaperAccount(tx, accountId);
      const open = await tx
        .select()
        .from(positions)
        .where(and(eq(positions.exchangeAccountId, accountId), eq(positions.status, "open")));
      for (const pos of open) await markClosed(tx, pos, pos.entryPrice, "reset", 0, 0);
      const initial = acct.paperInitialBalance ?? env.PAPER_INITIAL_BALANCE;
      await moveBalance(tx, accountId, acct.paperBalance ?? 0, initial - (acct.paperBalance ?? 0), "reset");
      return initial;
    }),
  );
}
