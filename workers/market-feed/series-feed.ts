// One series' feed with leader election: every worker runs one per configured symbol; only the lock holder
// writes. A standby polls every 2 s and takes over within TTL + poll (≤ 12 s) when the leader dies.
import type { Redis } from "ioredis";
import type { Runnable } from "@/workers/types";
import { getLogger } from "@/lib/log";
import { warnUnlessOutage } from "@/lib/outage-log";
import { feedLockKey, feedStatusKey, latestCandle, seriesChannel, seriesKey } from "@/lib/market/series";
import type { Candle } from "@/lib/market/types";
import { writeCandles, type SeriesTarget } from "@/lib/market/write-candle";
import { rebuildDerived } from "@/lib/market/derived-series";
import { LeaderLock, LOCK_TTL_MS } from "./leader-lock";
import { sleep } from "./sleep";

const log = getLogger("market-feed");

/** How often a standby tries to take the lock. */
export const STANDBY_POLL_MS = 2_000;

/** What a source gets while this process leads the series. */
export interface SourceContext {
  symbol: string;
  conn: Redis;
  signal: AbortSignal;
  /** Upsert candles (oldest first); false when leadership was lost (stop at once). */
  write(candles: Candle[]): Promise<boolean>;
  /** Open time of the newest stored candle, or null for an empty series. */
  newestStored(): Promise<number | null>;
}

/** A candle source (replay, bybit): runs until the signal aborts. */
export type FeedSource = (ctx: SourceContext) => Promise<void>;

/** Start the elected feed of one symbol. */
export function startSeriesFeed(opts: {
  conn: Redis;
  symbol: string;
  source: string;
  workerId: string;
  run: FeedSource;
}): Runnable {
  const { conn, symbol, source, workerId } = opts;
  const lock = new LeaderLock(conn, feedLockKey(symbol, source), workerId);
  const target: SeriesTarget = {
    series: seriesKey(symbol, source),
    channel: seriesChannel(symbol, source),
    status: feedStatusKey(symbol, source),
    lock: lock.key,
    source,
    leader: workerId,
    token: lock.token,
  };
  const stop = new AbortController();

  async function lead(): Promise<void> {
    const lost = new AbortController();
    const onStop = () => lost.abort();
    stop.signal.addEventListener("abort", onStop);
    const renew = setInterval(() => {
      lock
        .renew()
        .then((ok) => {
          if (!ok) {
            log.warn({ symbol }, "feed leadership lost");
            lost.abort();
          }
        })
        .catch((err: unknown) =>
          warnUnlessOutage(log, "feed-lock", err, "feed lock renew failed", { symbol }),
        );
    }, LOCK_TTL_MS / 3);
    log.info({ symbol, source, workerId }, "feed leader: writing the series");
    try {
      // The derived series start from what the 1m series holds; every upsert keeps them up to date from here.
      await rebuildDerived(conn, target.series);
      await opts.run({
        symbol,
        conn,
        signal: lost.signal,
        async write(candles) {
          if (candles.length === 0) return !lost.signal.aborted;
          const results = await writeCandles(conn, target, candles);
          if (results.includes("not_leader")) lost.abort();
          return !lost.signal.aborted;
        },
        async newestStored() {
          return (await latestCandle(symbol, source))?.t ?? null;
        },
      });
    } catch (err) {
      if (!lost.signal.aborted) log.error({ err, symbol }, "feed source failed; retrying");
    } finally {
      clearInterval(renew);
      stop.signal.removeEventListener("abort", onStop);
      await lock.release().catch(() => undefined);
    }
  }

  const loop = (async () => {
    while (!stop.signal.aborted) {
      try {
        if (await lock.acquire()) await lead();
      } catch (err) {
        warnUnlessOutage(log, "feed-election", err, "feed election failed", { symbol });
      }
      await sleep(STANDBY_POLL_MS, stop.signal);
    }
  })();

  return {
    name: `feed:${source}:${symbol}`,
    async close() {
      stop.abort();
      await loop;
    },
  };
}
