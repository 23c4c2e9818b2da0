// The market-feed worker role: one elected feed per configured symbol (1m), from replay or live Bybit.
import { env } from "@/lib/env";
import { redis } from "@/lib/redis";
import type { Runnable, WorkerContext } from "@/workers/types";
import { runBybit } from "./bybit-source";
import { runReplay } from "./replay-source";
import { startSeriesFeed } from "./series-feed";

/** Start the feeds of every symbol in MARKET_SYMBOLS (role `feed`). */
export async function startMarketFeed(ctx: WorkerContext): Promise<Runnable[]> {
  const conn = redis();
  const run = env.MARKET_SOURCE === "bybit" ? runBybit : runReplay;
  return env.MARKET_SYMBOLS.map((symbol) =>
    startSeriesFeed({ conn, symbol, source: env.MARKET_SOURCE, workerId: ctx.workerId, run }),
  );
}
