// Real Binance candles from the repository's own data/ (the bundled replay file), written into the Redis candle
// store for tests. Nothing outside the checkout is read, so a bare clone passes.
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { redis } from "@/lib/redis";
import { rebuildDerived } from "@/lib/market/derived-series";
import { DEFAULT_REPLAY_FILE } from "@/lib/market/load-replay-data";
import { parseCandleCsv } from "@/lib/market/replay";
import { encodeCandle, seriesKey } from "@/lib/market/series";
import type { Candle } from "@/lib/market/types";

let cache: Candle[] | undefined;

/** The first `count` rows of the real December 2024 BTCUSDT 1m data. */
export function realCandles(count: number, offset = 0): Candle[] {
  cache ??= parseCandleCsv(gunzipSync(readFileSync(DEFAULT_REPLAY_FILE)).toString("utf8"));
  return cache.slice(offset, offset + count);
}

/** Replace a symbol's stored series with these candles (the last one counts as forming). */
export async function storeCandles(symbol: string, candles: Candle[]): Promise<void> {
  const key = seriesKey(symbol);
  const pipeline = redis().multi().del(key);
  for (const c of candles) pipeline.zadd(key, c.t, encodeCandle(c));
  await pipeline.exec();
  await rebuildDerived(redis(), key);
}

/**
 * Real candles re-timed to a tick: `count` closed 1m candles ending at the boundary `tickMs` (the last one
 * opens at tickMs − 1m) plus the forming candle at `tickMs`, so a tick at `tickMs` finds its candle at once.
 */
export async function storeCandlesForTick(symbol: string, tickMs: number, count = 3120, offset = 0) {
  const rows = realCandles(count + 1, offset);
  const first = tickMs - count * 60_000;
  const candles = rows.map((c, i) => ({ ...c, t: first + i * 60_000 }));
  await storeCandles(symbol, candles);
  return candles;
}
