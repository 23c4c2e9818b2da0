// Bench: atomic candle upserts per second into Redis through the Lua script (lib/market/write-candle.ts).
// Usage: npx tsx --conditions=react-server bench/candle-writes.ts [count]
// Uses its own key prefix and deletes its keys afterwards.
export {};

process.env.REDIS_PREFIX = `bench_${process.pid}:`;
const { writeCandle, writeCandles } = await import("@/lib/market/write-candle");
const { feedLockKey, feedStatusKey, seriesChannel, seriesKey } = await import("@/lib/market/series");
const { closeRedis, redis } = await import("@/lib/redis");

const count = Number(process.argv[2] ?? 20_000);
const target = (s: string) => ({
  series: seriesKey(s),
  channel: seriesChannel(s),
  status: feedStatusKey(s),
  lock: feedLockKey(s),
  source: "replay",
  leader: "bench",
  token: "",
});
const candle = (i: number, c = 100) => ({
  t: 1_700_000_000_000 + i * 60_000,
  o: 100,
  h: 101,
  l: 99,
  c,
  v: 1.5,
});

async function timed(label: string, n: number, fn: () => Promise<void>) {
  const start = performance.now();
  await fn();
  const s = (performance.now() - start) / 1000;
  console.log(
    JSON.stringify({ bench: "candle-writes", mode: label, writes: n, perSecond: Math.round(n / s) }),
  );
}

// New closed candles, pipelined (backfill path; includes trimming at 5,000).
await timed("insert, pipelined (backfill)", count, async () => {
  await writeCandles(
    redis(),
    target("PIPEUSDT"),
    Array.from({ length: count }, (_, i) => candle(i)),
  );
});
// Forming-candle updates one at a time, awaiting each (the live path).
const live = Math.min(count, 5_000);
await timed("update forming, sequential (live)", live, async () => {
  for (let i = 0; i < live; i++) await writeCandle(redis(), target("SEQUSDT"), candle(0, 100 + (i % 50)));
});
const keys = await redis().keys(`${process.env.REDIS_PREFIX}*`);
if (keys.length) await redis().del(...keys);
await closeRedis();
