// Real Binance candles from ../shared/data, written into the Redis candle store for tests.
import { readFileSync } from "node:fs";
import path from "node:path";
import { redis } from "@/lib/redis";
import { encodeCandle, seriesKey } from "@/lib/market/series";
import type { Candle } from "@/lib/market/types";

let cache: Candle[] | undefined;

/** The first `count` rows of the real December 2024 BTCUSDT 1m data. */
export function realCandles(count: number, offset = 0): Candle[] {
  cache ??= readFileSync(path.resolve(process.cwd(), "../shared/data/binance-btcusdt-1m-2024-12.csv"), "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((line) => {
      const [t, o, h, l, c, v] = line.split(",").map(Number);
      return { t: t!, o: o!, h: h!, l: l!, c: c!, v: v! };
    });
  return cache.slice(offset, offset + count);
}

/** Replace a symbol's stored series with these candles (the last one counts as forming). */
export async function storeCandles(symbol: string, candles: Candle[]): Promise<void> {
  const key = seriesKey(symbol);
  const pipeline = redis().multi().del(key);
  for (const c of candles) pipeline.zadd(key, c.t, encodeCandle(c));
  await pipeline.exec();
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
