// The replay source: the bundled real candles re-timed so history ends at the replay's start minute, then one
// candle a minute (× REPLAY_SPEED), the forming candle updated within the minute. The anchor lives in Redis so
// every worker (and a standby taking over) computes the same series.
import { env } from "@/lib/env";
import { getLogger } from "@/lib/log";
import { loadReplayData } from "@/lib/market/load-replay-data";
import { replayCandlesAt, type ReplayAnchor } from "@/lib/market/replay";
import { rkey } from "@/lib/redis";
import type { Redis } from "ioredis";
import type { FeedSource } from "./series-feed";
import { sleep } from "./sleep";

const log = getLogger("market-feed");

/** Redis key of a symbol's replay anchor. */
export function replayAnchorKey(symbol: string): string {
  return rkey(`feed:replay:${symbol}:anchor`);
}

/** The stored anchor, created now (at REPLAY_SPEED) when none exists. */
export async function ensureReplayAnchor(
  conn: Redis,
  symbol: string,
  now = Date.now(),
): Promise<ReplayAnchor> {
  const fresh: ReplayAnchor = { start: now, speed: env.REPLAY_SPEED };
  await conn.set(replayAnchorKey(symbol), JSON.stringify(fresh), "NX");
  const anchor = JSON.parse((await conn.get(replayAnchorKey(symbol))) ?? "null") as ReplayAnchor;
  if (anchor.speed !== env.REPLAY_SPEED) {
    log.warn(
      { symbol, stored: anchor.speed, configured: env.REPLAY_SPEED },
      "replay continues at its stored speed; delete the anchor key and the series to restart at a new speed",
    );
  }
  return anchor;
}

/** Run the replay for one symbol while leading. */
export const runReplay: FeedSource = async (ctx) => {
  const data = loadReplayData();
  const anchor = await ensureReplayAnchor(ctx.conn, ctx.symbol);
  const tickMs = Math.min(1_000, Math.max(100, 60_000 / anchor.speed / 4));
  while (!ctx.signal.aborted) {
    const candles = replayCandlesAt(data, anchor, Date.now(), await ctx.newestStored());
    if (!(await ctx.write(candles))) return;
    await sleep(tickMs, ctx.signal);
  }
};
