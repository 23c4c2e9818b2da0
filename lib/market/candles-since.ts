import "server-only";
// Stored 1m members from an open time on (for SSE resume), at most 5,001.
import { redis } from "@/lib/redis";
import { seriesKey } from "./series";

/** Encoded members with open time ≥ `t` (the candle at `t` may have changed since it was last sent). */
export async function candlesSince(symbol: string, t: number): Promise<string[]> {
  return redis().zrangebyscore(seriesKey(symbol), t, "+inf", "LIMIT", 0, 5_001);
}
