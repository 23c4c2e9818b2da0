import "server-only";
// The feed's heartbeat, read by the admin console and the chart: written atomically with every candle upsert.
import { env } from "@/lib/env";
import { redis } from "@/lib/redis";
import { feedStatusKey } from "./series";

/** A feed is stale when its last write is older than this. */
export const STALE_AFTER_MS = 120_000;

/** Status of one series' feed (`lastUpdate`/`lastCandleTime` are ms since the epoch, null before any write). */
export interface FeedStatus {
  source: string;
  leader: string | null;
  lastUpdate: number | null;
  lastCandleTime: number | null;
  stale: boolean;
}

/** The feed status of `symbol` for the configured source. */
export async function getFeedStatus(symbol: string, now = Date.now()): Promise<FeedStatus> {
  const h = await redis().hgetall(feedStatusKey(symbol));
  const num = (v: string | undefined) => (v ? Number(v) : null);
  const lastUpdate = num(h.lastUpdate);
  return {
    source: h.source ?? env.MARKET_SOURCE,
    leader: h.leader ?? null,
    lastUpdate,
    lastCandleTime: num(h.lastCandleTime),
    stale: lastUpdate === null || now - lastUpdate > STALE_AFTER_MS,
  };
}
