// The candle store's invariants, through the real Lua upsert on the real Redis: no duplicate open times,
// trimmed to 5,000 closed + 1 forming, the forming candle updated in place, closed candles immutable, gap
// backfill inserted, every change published, the feed status stamped, non-leaders fenced off.
import { afterAll, describe, expect, it } from "vitest";
import { getFeedStatus } from "@/lib/market/feed-status";
import {
  decodeCandle,
  feedLockKey,
  feedStatusKey,
  latestCandle,
  readClosedCandles,
  readKline,
  seriesChannel,
  seriesKey,
} from "@/lib/market/series";
import type { Candle } from "@/lib/market/types";
import { MAX_CLOSED, writeCandle, writeCandles, type SeriesTarget } from "@/lib/market/write-candle";
import { closeRedis, createRedis, redis } from "@/lib/redis";

afterAll(closeRedis);

const MIN = 60_000;
const T0 = Date.UTC(2026, 0, 1, 0, 0);
let n = 0;

function target(symbol: string, token = ""): SeriesTarget {
  return {
    series: seriesKey(symbol),
    channel: seriesChannel(symbol),
    status: feedStatusKey(symbol),
    lock: feedLockKey(symbol),
    source: "replay",
    leader: "test-worker",
    token,
  };
}
const sym = () => `T${++n}X${Date.now() % 100000}USDT`;
const candle = (i: number, c = 100 + i): Candle => ({
  t: T0 + i * MIN,
  o: 100,
  h: c + 1,
  l: 99,
  c,
  v: i + 0.5,
});

async function members(symbol: string): Promise<Candle[]> {
  return (await redis().zrange(seriesKey(symbol), 0, -1)).map(decodeCandle);
}

describe("writeCandle", () => {
  it("updates the forming candle in place and never stores two candles with the same open time", async () => {
    const s = sym();
    expect(await writeCandle(redis(), target(s), candle(0))).toBe("inserted");
    expect(await writeCandle(redis(), target(s), candle(0, 150))).toBe("updated");
    expect(await writeCandle(redis(), target(s), candle(0, 150))).toBe("unchanged");
    const stored = await members(s);
    expect(stored).toEqual([candle(0, 150)]);
  });

  it("keeps closed candles immutable once a newer candle exists, and inserts a missing older one (gap)", async () => {
    const s = sym();
    await writeCandles(redis(), target(s), [candle(0), candle(1), candle(3)]);
    expect(await writeCandle(redis(), target(s), candle(1, 999))).toBe("unchanged");
    expect(await writeCandle(redis(), target(s), candle(2))).toBe("inserted");
    expect(await members(s)).toEqual([candle(0), candle(1), candle(2), candle(3)]);
  });

  it("trims to 5,000 closed candles plus the forming one", async () => {
    const s = sym();
    const all = Array.from({ length: MAX_CLOSED + 40 }, (_, i) => candle(i));
    await writeCandles(redis(), target(s), all);
    const stored = await members(s);
    expect(stored).toHaveLength(MAX_CLOSED + 1);
    expect(stored[0]!.t).toBe(all[39]!.t);
    expect(stored.at(-1)).toEqual(all.at(-1));
    expect(new Set(stored.map((c) => c.t)).size).toBe(stored.length);
  });

  it("publishes every change on the series channel and stamps the feed status", async () => {
    const s = sym();
    const sub = createRedis("worker");
    const got: string[] = [];
    sub.on("message", (_ch, msg: string) => got.push(msg));
    await sub.subscribe(seriesChannel(s));
    const before = Date.now();
    await writeCandle(redis(), target(s), candle(5));
    await writeCandle(redis(), target(s), candle(5)); // unchanged: not published
    await writeCandle(redis(), target(s), candle(5, 120));
    await new Promise((r) => setTimeout(r, 100));
    sub.disconnect();
    expect(got.map(decodeCandle)).toEqual([candle(5), candle(5, 120)]);
    const status = await getFeedStatus(s);
    expect(status).toMatchObject({
      source: "replay",
      leader: "test-worker",
      lastCandleTime: candle(5).t,
      stale: false,
    });
    expect(status.lastUpdate).toBeGreaterThanOrEqual(before);
  });

  it("refuses writes from a process that does not hold the leader lock", async () => {
    const s = sym();
    await redis().set(feedLockKey(s), "someone-else", "PX", 10_000);
    expect(await writeCandle(redis(), target(s, "me"), candle(0))).toBe("not_leader");
    expect(await members(s)).toEqual([]);
    await redis().set(feedLockKey(s), "me", "PX", 10_000);
    expect(await writeCandle(redis(), target(s, "me"), candle(0))).toBe("inserted");
  });
});

describe("reading", () => {
  it("readClosedCandles drops the forming candle; readKline keeps it; derived intervals aggregate 1m", async () => {
    const s = sym();
    const ones = Array.from({ length: 12 }, (_, i) => candle(i)); // 00:00 … 00:11, 00:11 forming
    await writeCandles(redis(), target(s), ones);
    const now = T0 + 11 * MIN + 30_000;
    const closed = await readClosedCandles(s, 100, "1m", now);
    expect(closed.map((c) => c.t)).toEqual(ones.slice(0, 11).map((c) => c.t));
    expect((await readKline(s, "1m", 3)).map((c) => c.t)).toEqual(ones.slice(9).map((c) => c.t));
    // 5m: 00:00 and 00:05 are closed; 00:10 is forming (00:10, 00:11).
    const closed5 = await readClosedCandles(s, 10, "5m", now);
    expect(closed5).toEqual([
      { t: T0, o: 100, h: 105, l: 99, c: 104, v: 0.5 + 1.5 + 2.5 + 3.5 + 4.5 },
      { t: T0 + 5 * MIN, o: 100, h: 110, l: 99, c: 109, v: 5.5 + 6.5 + 7.5 + 8.5 + 9.5 },
    ]);
    const kline5 = await readKline(s, "5m", 10);
    expect(kline5.map((c) => c.t)).toEqual([T0, T0 + 5 * MIN, T0 + 10 * MIN]);
    expect(kline5[2]).toMatchObject({ c: 111, v: 10.5 + 11.5 });
    // Once the wall clock passes the forming minute's end, it counts as closed.
    expect((await readClosedCandles(s, 100, "1m", T0 + 12 * MIN)).at(-1)!.t).toBe(T0 + 11 * MIN);
    expect((await latestCandle(s))!.t).toBe(T0 + 11 * MIN);
  });
});
