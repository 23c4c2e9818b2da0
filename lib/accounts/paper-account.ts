import "server-only";
// Every user has a paper account ("Paper trading", 10,000 USDT by default): made at sign-up, or lazily.
import { and, eq, isNull } from "drizzle-orm";
import { db, type Db } from "@/db";
import { exchangeAccounts, paperLedger, tradingSettings } from "@/db/schema";
import { env } from "@/lib/env";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export const PAPER_ACCOUNT_LABEL = "Paper trading";

/** Insert a paper account with the initial balance and its deposit ledger row; returns its id. */
export async function createPaperAccount(tx: Tx, userId: number): Promise<number> {
  const initial = env.PAPER_INITIAL_BALANCE;
  const [row] = await tx
    .insert(exchangeAccounts)
    .values({
      userId,
      exchange: "paper",
      label: PAPER_ACCOUNT_LABEL,
      status: "active",
      paperBalance: initial,
      paperInitialBalance: initial,
      lastValidatedAt: new Date(),
    })
    .$returningId();
  await tx
    .insert(paperLedger)
    .values({ exchangeAccountId: row!.id, type: "deposit", amount: initial, balanceAfter: initial });
  return row!.id;
}

/** Make sure the user has a paper account (older users, or one deleted by hand); selects it when none is picked. */
export async function ensurePaperAccount(userId: number): Promise<void> {
  await db.transaction(async (tx) => {
    // Lock the user's settings rows so two page loads cannot both create one.
    await tx.select().from(tradingSettings).where(eq(tradingSettings.userId, userId)).for("update");
    const [existing] = await tx
      .select({ id: exchangeAccounts.id })
      .from(exchangeAccounts)
      .where(and(eq(exchangeAccounts.userId, userId), eq(exchangeAccounts.exchange, "paper")))
      .limit(1);
    if (existing) return;
    const id = await createPaperAccount(tx, userId);
    await tx
      .update(tradingSettings)
      .set({ exchangeAccountId: id })
      .where(and(eq(tradingSettings.userId, userId), isNull(tradingSettings.exchangeAccountId)));
  });
}
