import "server-only";
// The rows every new user starts with. Runs inside the sign-up transaction.
import type { Db } from "@/db";
import { tradingSettings } from "@/db/schema";
import { DEFAULT_SYMBOL } from "@/lib/trading/symbols";
import { createPaperAccount } from "./paper-account";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** Create the default trading settings of the primary configured symbol (auto-trade off) and the paper account they trade on. */
export async function provisionNewUser(tx: Tx, userId: number): Promise<void> {
  const accountId = await createPaperAccount(tx, userId);
  await tx.insert(tradingSettings).values({ userId, symbol: DEFAULT_SYMBOL, exchangeAccountId: accountId });
}
