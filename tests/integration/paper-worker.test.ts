// The `paper` worker role: a candle published on the feed's live channel closes a paper position at its stop.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { closeDb, db } from "@/db";
import { positions } from "@/db/schema";
import { getAdapter } from "@/lib/exchange/get-adapter";
import { encodeCandle, seriesChannel } from "@/lib/market/series";
import { closeRedis, redis } from "@/lib/redis";
import { startPaperWorker } from "@/workers/paper";
import { clearCandles, makeUser, writeCandle } from "../helpers/accounts";

// A live candle closes every open position it reaches: retire positions other test files left open, so the
// timing below measures this test's position only.
beforeAll(async () => {
  await db.update(positions).set({ status: "closed", openKey: null }).where(eq(positions.status, "open"));
});

afterAll(async () => {
  await closeDb();
  await closeRedis();
});

describe("paper worker", () => {
  it("applies live candle updates to open paper positions", async () => {
    await clearCandles("BTCUSDT");
    const user = await makeUser("paper-worker");
    const ex = await getAdapter(user.paperAccountId, user.id);
    await writeCandle("BTCUSDT", { t: Date.now() - 120_000, c: 40_000 });
    await ex.placeMarketOrder({
      symbol: "BTCUSDT",
      side: "buy",
      qty: 0.01,
      clientOrderId: "w-1",
      stopLoss: 39_000,
    });
    const worker = await startPaperWorker({ workerId: "test" });
    try {
      const candle = { t: Date.now() + 60_000, o: 40_000, h: 40_100, l: 38_900, c: 39_100, v: 3 };
      await redis().publish(seriesChannel("BTCUSDT"), encodeCandle(candle));
      await expect
        .poll(
          async () =>
            (await db.select().from(positions).where(eq(positions.exchangeAccountId, user.paperAccountId)))[0]
              ?.closeReason,
          { timeout: 5_000 },
        )
        .toBe("stop_loss");
    } finally {
      await worker.close();
    }
  });
});
