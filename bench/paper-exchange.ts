// Paper exchange throughput on a throwaway database: market orders placed one after another and in parallel
// across accounts, and one candle applied to N open positions (how long SL/TP/liquidation checks take).
// Run: npx tsx --conditions=react-server bench/paper-exchange.ts [accounts=1000]
import { createTestEnv, destroyTestEnv } from "../tests/setup/test-env";

const N = Number(process.argv[2] ?? 1000);

async function main(): Promise<void> {
  const testEnv = await createTestEnv("bench");
  Object.assign(process.env, testEnv, { LOG_LEVEL: "silent" });
  const { db, closeDb } = await import("@/db");
  const { users } = await import("@/db/schema");
  const { createPaperAccount } = await import("@/lib/accounts/paper-account");
  const { PaperAdapter } = await import("@/lib/exchange/paper/adapter");
  const { applyCandleToPaperPositions } = await import("@/lib/exchange/paper/apply-candle");
  const { encodeCandle, seriesKey } = await import("@/lib/market/series");
  const { redis, closeRedis } = await import("@/lib/redis");
  try {
    const t = Date.now() - 120_000;
    await redis().zadd(
      seriesKey("BTCUSDT"),
      t,
      encodeCandle({ t, o: 50_000, h: 50_000, l: 50_000, c: 50_000, v: 1 }),
    );
    const ids: number[] = [];
    for (let i = 0; i < N; i++) {
      const [u] = await db
        .insert(users)
        .values({ email: `bench${i}@example.com`, passwordHash: "x" })
        .$returningId();
      ids.push(await db.transaction((tx) => createPaperAccount(tx, u!.id)));
    }
    const adapters = ids.map((id) => new PaperAdapter(id));
    await Promise.all(adapters.map((a) => a.setLeverage("BTCUSDT", 10)));

    let start = performance.now();
    const seq = Math.min(200, N);
    for (let i = 0; i < seq; i++)
      await adapters[i]!.placeMarketOrder({
        symbol: "BTCUSDT",
        side: "buy",
        qty: 0.01,
        clientOrderId: `s-${i}`,
        stopLoss: 49_000 + (i % 500),
      });
    const seqMs = performance.now() - start;
    start = performance.now();
    await Promise.all(
      adapters.slice(seq).map((a, i) =>
        a.placeMarketOrder({
          symbol: "BTCUSDT",
          side: "buy",
          qty: 0.01,
          clientOrderId: `p-${i}`,
          stopLoss: 49_000 + (i % 500),
        }),
      ),
    );
    const parMs = performance.now() - start;
    const candle = { t: Date.now() + 60_000, o: 50_000, h: 50_100, l: 49_250, c: 49_300, v: 1 };
    start = performance.now();
    const closed = await applyCandleToPaperPositions("BTCUSDT", candle);
    const applyMs = performance.now() - start;
    start = performance.now();
    const none = await applyCandleToPaperPositions("BTCUSDT", { ...candle, l: 49_900, c: 49_950 });
    const idleMs = performance.now() - start;
    console.log(`accounts: ${N}`);
    console.log(`sequential orders: ${seq} in ${seqMs.toFixed(0)} ms (${(seqMs / seq).toFixed(2)} ms/order)`);
    console.log(
      `parallel orders (pool ${process.env.DATABASE_POOL_SIZE ?? 10}): ${N - seq} in ${parMs.toFixed(0)} ms (${((N - seq) / (parMs / 1000)).toFixed(0)} orders/s)`,
    );
    console.log(`candle closing ${closed} of ${N} positions by stop loss: ${applyMs.toFixed(0)} ms`);
    console.log(`candle touching no stop (${none} closed): ${idleMs.toFixed(1)} ms`);
    console.log(`rss: ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
    await closeDb();
    await closeRedis();
  } finally {
    await destroyTestEnv(testEnv);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
