import "server-only";
// The rows every new user starts with. Runs inside the sign-up transaction.
import type { Db } from "@/db";
import { tradingSettings } from "@/db/schema";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** Create the default trading settings (auto-trade off) for a new user. */
export async function provisionNewUser(tx: Tx, userId: number): Promise<void> {
  await tx.insert(tradingSettings).values({ userId, symbol: "BTCUSDT" });
}
