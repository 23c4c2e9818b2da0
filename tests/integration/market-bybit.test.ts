// The live Bybit source through the real ccxt client against a local fake exchange: a 5,000-candle REST
// backfill, live updates over the stream, and after a disconnect a reconnect with backoff that backfills the
// gap by REST — the stored series ends up with no hole and no duplicate.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeCandle, seriesKey } from "@/lib/market/series";
import type { Candle } from "@/lib/market/types";
import { closeRedis, redis } from "@/lib/redis";
import { bybitSource } from "@/workers/market-feed/bybit-source";
import { startSeriesFeed } from "@/workers/market-feed/series-feed";
import { startFakeBybit, type FakeBybit } from "../fakes/bybit-market";

const MIN = 60_000;
let fake: FakeBybit;
let offset = 0; // the test moves the feed's clock (and the fake's data) forward to simulate an outage
const clock = () => Date.now() + offset;
const minute = () => Math.floor(clock() / MIN) * MIN;
const price = (t: number) => 90_000 + ((t / MIN) % 1000);
const candleAt = (t: number, c = price(t)): Candle => ({ t, o: price(t), h: c + 5, l: c - 5, c, v: 1.25 });

function fillHistory(upTo: number) {
  for (let t = upTo - 6_000 * MIN; t <= upTo; t += MIN)
    if (!fake.candles.has(t)) fake.candles.set(t, candleAt(t));
}

async function stored(): Promise<Candle[]> {
  return (await redis().zrange(seriesKey("BTCUSDT", "bybit"), 0, -1)).map(decodeCandle);
}

async function until(fn: () => Promise<boolean>, ms: number, what = "condition") {
  const end = Date.now() + ms;
  while (!(await fn())) {
    if (Date.now() > end) throw new Error(`${what} not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function contiguous(series: Candle[]) {
  const times = series.map((c) => c.t);
  expect(new Set(times).size).toBe(times.length);
  for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBe(MIN);
}

beforeAll(async () => {
  fake = await startFakeBybit();
});

afterAll(async () => {
  await fake.close();
  await closeRedis();
});

describe("bybit feed", () => {
  it("backfills 5,000 candles, streams, and fills the gap after a disconnect", async () => {
    fillHistory(minute());
    const feed = startSeriesFeed({
      conn: redis(),
      symbol: "BTCUSDT",
      source: "bybit",
      workerId: "test-bybit",
      run: bybitSource({ apiUrl: fake.url, wsUrl: fake.wsUrl, now: clock, baseDelayMs: 300 }),
    });
    try {
      await until(
        // The minute can turn while this waits: wait for the series to reach the exchange's current minute.
        async () => {
          const s = await stored();
          return s.length === 5_000 && fake.subscribed() > 0 && s.at(-1)!.t === minute();
        },
        20_000,
        "backfill and subscription",
      );
      let series = await stored();
      contiguous(series);
      expect(series.at(-1)!.t).toBe(minute());
      expect(series.at(-1)).toEqual(fake.candles.get(minute()));
      // REST was paginated (five windows of ≤ 1,000 minutes).
      expect(fake.requests.filter((r) => r.startsWith("/v5/market/kline")).length).toBeGreaterThanOrEqual(5);

      // Live: the forming candle is updated in place.
      const live = candleAt(minute(), 91_234.5);
      fake.push(live);
      await until(async () => (await stored()).at(-1)!.c === 91_234.5, 15_000);
      expect((await stored()).filter((c) => c.t === live.t)).toHaveLength(1);

      // Outage: the stream drops and refuses reconnects while three minutes pass on the exchange.
      fake.refuse = true;
      const attemptsBefore = fake.wsAttempts.length;
      fake.dropClients();
      offset += 3 * MIN;
      // The exchange's newest minute after the outage. The wall-clock minute may turn while this test waits; the
      // fake exchange has no candle for a later minute, so this, not minute(), is where the series must end.
      const outageEnd = minute();
      fillHistory(outageEnd);
      await until(async () => fake.wsAttempts.length >= attemptsBefore + 3, 15_000);
      const gaps = fake.wsAttempts.slice(attemptsBefore).map((t, i, a) => (i ? t - a[i - 1]! : 0));
      expect(gaps[2]!).toBeGreaterThan(gaps[1]! * 1.5); // exponential backoff
      fake.refuse = false;
      await until(async () => fake.subscribed() > 0, 15_000);
      await until(async () => (await stored()).at(-1)!.t === outageEnd, 15_000);

      series = await stored();
      contiguous(series);
      expect(series).toHaveLength(5_001);
      for (const t of [outageEnd - 2 * MIN, outageEnd - MIN, outageEnd]) {
        expect(series.find((c) => c.t === t)).toEqual(fake.candles.get(t));
      }
    } finally {
      await feed.close();
    }
  }, 60_000);
});
