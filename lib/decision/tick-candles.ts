import "server-only";
// The candles a tick decides from: it waits (a few seconds at most) for the candle that closed at its boundary
// to be final — the feed has moved on to a newer candle — and then reads the closed history. When the feed
// does not deliver in time, the tick records a stale hold instead of deciding on old data.
import { env } from "@/lib/env";
import { latestCandle, readClosedCandles } from "@/lib/market/series";
import type { Candle } from "@/lib/market/types";

export type TickCandles = { fresh: true; candles: Candle[] } | { fresh: false; reason: string };

const POLL_MS = 100;
const MINUTE = 60_000;
const hhmm = (t: number) => new Date(t).toISOString().slice(11, 16);

/** Closed 1m candles for the tick at `tickTime`, once the candle ending at the boundary is final. */
export async function candlesForTick(
  symbol: string,
  tickTime: number,
  waitMs: number = env.DECISION_CANDLE_WAIT_MS,
): Promise<TickCandles> {
  const deadline = Date.now() + waitMs;
  // The 1m candle boundary at or before the tick (ticks shorter than a minute share their minute's candle).
  const boundary = Math.floor(tickTime / MINUTE) * MINUTE;
  for (;;) {
    const newest = await latestCandle(symbol);
    // A candle at or after the boundary exists: the one that closed at the boundary was rewritten final.
    if (newest && newest.t >= boundary) {
      return { fresh: true, candles: await readClosedCandles(symbol, env.DECISION_HISTORY_MINUTES) };
    }
    if (Date.now() >= deadline) {
      const seen = newest ? `the newest is ${hhmm(newest.t)} UTC` : "the series is empty";
      return {
        fresh: false,
        reason: `Stale market data: the candle closing at ${hhmm(boundary)} UTC did not arrive within ${(waitMs / 1000).toFixed(waitMs < 10_000 ? 1 : 0)} s (${seen}).`,
      };
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}
