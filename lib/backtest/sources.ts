import "server-only";
// The candles a product backtest can run on: the bundled month of real Binance data, or the live series the feed
// has stored in Redis (the newest 5,000 closed minutes). Each source says which period it covers.
import { loadCandleFile } from "@/lib/backtest/load-candles";
import { DEFAULT_REPLAY_FILE } from "@/lib/market/load-replay-data";
import { readCandles } from "@/lib/market/series";
import type { Candle } from "@/lib/market/types";

export type BacktestSource = "bundled" | "live";

/** A source's candles and the period a backtest may pick inside it (ms, `to` exclusive). */
export interface SourceData {
  candles: Candle[];
  from: number;
  to: number;
}

let bundled: Promise<SourceData> | null = null;

/** The bundled month (read and parsed once per process). */
export function bundledCandles(): Promise<SourceData> {
  bundled ??= loadCandleFile(DEFAULT_REPLAY_FILE)
    .then(({ candles }) => ({ candles, from: candles[0]!.t, to: candles.at(-1)!.t + 60_000 }))
    .catch((err: unknown) => {
      bundled = null;
      throw err;
    });
  return bundled;
}

/** The stored live series of `symbol`: every member but the newest, which may still be forming. */
export async function liveCandles(symbol: string): Promise<SourceData | null> {
  const closed = (await readCandles(symbol, 5_001)).slice(0, -1);
  if (closed.length < 30) return null;
  return { candles: closed, from: closed[0]!.t, to: closed.at(-1)!.t + 60_000 };
}

/** The candles of a source (null when the live series is too short to backtest). */
export function sourceData(source: BacktestSource, symbol: string): Promise<SourceData | null> {
  return source === "bundled" ? bundledCandles() : liveCandles(symbol);
}
