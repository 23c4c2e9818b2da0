// The `paper` worker role: follows every candle update of each market symbol and applies stop loss,
// take profit and liquidation to open paper positions. Updates per symbol are applied one at a time.
import { env } from "@/lib/env";
import { applyCandleToPaperPositions } from "@/lib/exchange/paper/apply-candle";
import { getLogger } from "@/lib/log";
import { decodeCandle, seriesChannel } from "@/lib/market/series";
import { createRedis } from "@/lib/redis";
import type { Runnable, WorkerContext } from "./types";

const log = getLogger("paper");

/** Subscribe to the live channel of every MARKET_SYMBOLS series. */
export async function startPaperWorker(_ctx: WorkerContext): Promise<Runnable> {
  const sub = createRedis("worker");
  const channels = new Map(env.MARKET_SYMBOLS.map((s) => [seriesChannel(s), s]));
  const chains = new Map<string, Promise<void>>();
  sub.on("message", (channel: string, message: string) => {
    const symbol = channels.get(channel);
    if (!symbol) return;
    const candle = decodeCandle(message);
    if (![candle.t, candle.h, candle.l, candle.c].every(Number.isFinite)) return;
    const prev = chains.get(symbol) ?? Promise.resolve();
    const next = prev
      .then(() => applyCandleToPaperPositions(symbol, candle))
      .then((closed) => {
        if (closed > 0) log.info({ symbol, closed }, "paper positions closed by stop, target or liquidation");
      })
      .catch((err: unknown) => log.error({ err, symbol }, "applying a candle to paper positions failed"));
    chains.set(symbol, next);
  });
  await sub.subscribe(...channels.keys());
  return {
    name: "paper",
    async close() {
      await sub.unsubscribe().catch(() => undefined);
      await Promise.allSettled(chains.values());
      sub.disconnect();
    },
  };
}
