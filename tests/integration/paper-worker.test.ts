// The `paper` worker role: a candle published on the feed's live channel closes a paper position at its stop;
// history candles never touch newer positions, and candles missed while the worker was down are replayed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { closeDb, db } from "@/db";
import { orders, positions } from "@/db/schema";
import { applyCandleToPaperPositions } from "@/lib/exchange/paper/apply-candle";
import { getAdapter } from "@/lib/exchange/get-adapter";
import { encodeCandle, seriesChannel } from "@/lib/market/series";
import { closeRedis, redis } from "@/lib/redis";
import { paperCursorKey, startPaperWorker } from "@/workers/paper";
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

describe("paper worker correctness over time", () => {
  const MIN = 60_000;
  const position = async (accountId: number) =>
    (await db.select().from(positions).where(eq(positions.exchangeAccountId, accountId)))[0]!;

  it("a candle never closes a position opened after it; the opening candle counts only its close", async () => {
    await clearCandles("BTCUSDT");
    const user = await makeUser("paper-history");
    const ex = await getAdapter(user.paperAccountId, user.id);
    await writeCandle("BTCUSDT", { t: Date.now() - 2 * MIN, c: 40_000 });
    await ex.placeMarketOrder({
      symbol: "BTCUSDT",
      side: "buy",
      qty: 0.01,
      clientOrderId: "h-1",
      stopLoss: 39_000,
    });
    const opened = (await position(user.paperAccountId)).openedAt.getTime();
    // A backlog candle from before the entry (a fresh series publishes its history) whose low is under the stop.
    const history = { t: opened - 5 * MIN, o: 40_000, h: 40_000, l: 38_000, c: 38_500, v: 1 };
    expect(await applyCandleToPaperPositions("BTCUSDT", history)).toBe(0);
    // The candle the entry happened in: its low came before the entry, its close is above the stop.
    const during = { t: Math.floor(opened / MIN) * MIN, o: 40_000, h: 40_000, l: 38_000, c: 39_500, v: 1 };
    expect(await applyCandleToPaperPositions("BTCUSDT", during)).toBe(0);
    expect((await position(user.paperAccountId)).status).toBe("open");
    // The next candle crosses the stop: it closes, at the stop.
    const next = { ...during, t: during.t + MIN, c: 38_900, l: 38_800 };
    expect(await applyCandleToPaperPositions("BTCUSDT", next)).toBe(1);
    expect(await position(user.paperAccountId)).toMatchObject({
      status: "closed",
      closeReason: "stop_loss",
      closePrice: 39_000,
    });
  });

  it("replays the candles it missed while down: the stop fires at its price and its candle's time", async () => {
    await db.update(positions).set({ status: "closed", openKey: null }).where(eq(positions.status, "open"));
    await clearCandles("BTCUSDT");
    await redis().del(paperCursorKey("BTCUSDT"));
    const user = await makeUser("paper-catchup");
    const ex = await getAdapter(user.paperAccountId, user.id);
    const now = Date.now();
    const base = Math.floor(now / MIN) * MIN - 20 * MIN;
    await writeCandle("BTCUSDT", { t: base, c: 40_000 });
    await ex.placeMarketOrder({
      symbol: "BTCUSDT",
      side: "buy",
      qty: 0.01,
      clientOrderId: "c-1",
      stopLoss: 39_000,
      takeProfit: 42_000,
    });
    // The position opened 20 minutes ago; the worker runs once (setting its cursor) and stops.
    await db
      .update(positions)
      .set({ openedAt: new Date(base + 1_000) })
      .where(eq(positions.exchangeAccountId, user.paperAccountId));
    let worker = await startPaperWorker({ workerId: "test" });
    await worker.close();
    expect(await redis().get(paperCursorKey("BTCUSDT"))).toBe(String(base));
    // While it is down, the feed stores 10 minutes: the stop is crossed at base+7m (nothing is published).
    for (let i = 1; i <= 10; i++) {
      const low = i === 7 ? 38_700 : 39_800;
      await writeCandle("BTCUSDT", { t: base + i * MIN, o: 40_000, h: 40_100, l: low, c: 39_900 });
    }
    expect((await position(user.paperAccountId)).status).toBe("open");
    worker = await startPaperWorker({ workerId: "test" });
    try {
      const closed = await position(user.paperAccountId);
      expect(closed).toMatchObject({ status: "closed", closeReason: "stop_loss", closePrice: 39_000 });
      // Dated at the end of the candle that crossed the stop, not at the restart.
      expect(closed.closedAt!.getTime()).toBe(base + 8 * MIN);
      const [exit] = await db
        .select()
        .from(orders)
        .where(and(eq(orders.userId, user.id), eq(orders.kind, "stop_loss")));
      expect(exit).toMatchObject({ status: "filled", price: 39_000 });
      expect(exit!.createdAt.getTime()).toBe(base + 8 * MIN);
      expect(Number(await redis().get(paperCursorKey("BTCUSDT")))).toBe(base + 10 * MIN);
    } finally {
      await worker.close();
    }
  });
});
