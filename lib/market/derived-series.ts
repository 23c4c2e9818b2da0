import "server-only";
// Derived series (5m, 15m, 1h) rebuilt from scratch out of the stored 1m series. The candle upsert keeps them up
// to date one bucket at a time (lib/market/write-candle.ts); this runs when a feed takes the lead (the 1m series
// may have been written by an older version, deleted or restarted) and for a series stored directly (tests).
import type { Redis } from "ioredis";
import { aggregate } from "./aggregate";
import { DERIVED_INTERVALS, decodeCandle, derivedKeyOf, encodeCandle, versionKeyOf } from "./series";

/** Replace every derived series of a 1m series key with the aggregation of what the 1m series holds now. */
export async function rebuildDerived(conn: Redis, series1m: string): Promise<void> {
  const ones = (await conn.zrange(series1m, 0, -1)).map(decodeCandle);
  const first = ones[0]?.t ?? Number.POSITIVE_INFINITY;
  const multi = conn.multi();
  for (const iv of DERIVED_INTERVALS) {
    const key = derivedKeyOf(series1m, iv);
    multi.del(key);
    // A bucket whose first minute the 1m series does not hold is partial: not stored (the upsert's rule too).
    const bars = aggregate(ones, iv).filter((b) => b.t >= first);
    for (let i = 0; i < bars.length; i += 1000) {
      multi.zadd(key, ...bars.slice(i, i + 1000).flatMap((b) => [b.t, encodeCandle(b)]));
    }
  }
  multi.incr(versionKeyOf(series1m));
  await multi.exec();
}
