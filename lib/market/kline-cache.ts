import "server-only";
// GET /api/kline's answer, encoded once per (symbol, interval, count) and shared by every user until the series
// is written again. Every upsert bumps the series' version counter (lib/market/write-candle.ts), so a request
// costs one Redis GET while nothing changed; the first request after a write rebuilds the body (concurrent
// requests share that one rebuild) and the next write is visible on the next request.
import { singleFlight } from "@/lib/batch/batcher";
import { Lru } from "@/lib/cache/lru";
import { redis } from "@/lib/redis";
import { getFeedStatus, STALE_AFTER_MS } from "./feed-status";
import { latestCandle, readKline, seriesKey, versionKeyOf } from "./series";
import type { Interval } from "./types";

/** One encoded answer and what it was built from. */
interface Entry {
  version: number;
  body: Uint8Array<ArrayBuffer>;
  /** When the body's `feed.stale` flips to true on the wall clock although nothing was written. */
  staleAt: number;
}

// Symbols × intervals × the few counts clients ask for; an odd count cannot push the common ones out for long.
const entries = new Lru<string, Entry>(256);
const encoder = new TextEncoder();

/** The version of a symbol's series (0 before any write). */
export async function seriesVersion(symbol: string): Promise<number> {
  return Number((await redis().get(versionKeyOf(seriesKey(symbol)))) ?? 0);
}

/** The JSON body of GET /api/kline computed from Redis now (the uncached answer). */
export async function buildKlineBody(symbol: string, interval: Interval, count: number, now = Date.now()) {
  const [candles, last1m, feed] = await Promise.all([
    readKline(symbol, interval, count),
    latestCandle(symbol),
    getFeedStatus(symbol, now),
  ]);
  // `last1m` lets the chart fold live 1m updates into the forming bar of a derived interval.
  return { symbol, interval, candles, last1m, feed };
}

const rebuild = singleFlight(
  async (q: { symbol: string; interval: Interval; count: number; version: number; key: string }) => {
    const now = Date.now();
    const data = await buildKlineBody(q.symbol, q.interval, q.count, now);
    const staleAt =
      data.feed.stale || data.feed.lastUpdate === null
        ? Number.POSITIVE_INFINITY
        : data.feed.lastUpdate + STALE_AFTER_MS + 1;
    const entry: Entry = { version: q.version, body: encoder.encode(JSON.stringify(data)), staleAt };
    // Read after the version: the body is at least as new as its version (a write in between only makes the
    // next request rebuild again; so does an older rebuild that happens to finish last).
    entries.set(q.key, entry);
    return entry;
  },
  (q) => `${q.key}@${q.version}`,
);

/** The encoded answer for (symbol, interval, count), rebuilt only when the series changed since it was built. */
export async function cachedKlineBody(
  symbol: string,
  interval: Interval,
  count: number,
): Promise<Uint8Array<ArrayBuffer>> {
  const key = `${symbol}:${interval}:${count}`;
  const version = await seriesVersion(symbol);
  const hit = entries.get(key);
  if (hit && hit.version === version && Date.now() < hit.staleAt) return hit.body;
  return (await rebuild({ symbol, interval, count, version, key })).body;
}

/** Forget every cached answer (tests). */
export function clearKlineCache(): void {
  entries.clear();
}
