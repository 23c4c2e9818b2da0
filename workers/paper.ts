// The `paper` worker role: follows every candle update of each market symbol and applies stop loss, take profit
// and liquidation to open paper positions. Updates per symbol are applied one at a time, in order. A cursor
// (the newest candle applied) lives in Redis: on start, and whenever the subscription reconnects, the worker
// first replays the stored candles since the cursor, so exits crossed while it was down fire at their own
// price and time. Without a cursor it starts at the oldest open paper position.
import { and, eq, min } from "drizzle-orm";
import { db } from "@/db";
import { exchangeAccounts, positions } from "@/db/schema";
import { env } from "@/lib/env";
import { applyCandleToPaperPositions } from "@/lib/exchange/paper/apply-candle";
import { getLogger } from "@/lib/log";
import { warnUnlessOutage } from "@/lib/outage-log";
import { decodeCandle, seriesChannel, seriesKey } from "@/lib/market/series";
import type { Candle } from "@/lib/market/types";
import { createRedis, redis, rkey } from "@/lib/redis";
import type { Runnable, WorkerContext } from "./types";

const log = getLogger("paper");

/** Redis key of the newest candle open time the paper worker applied for a symbol. */
export const paperCursorKey = (symbol: string) => rkey(`paper:cursor:${env.MARKET_SOURCE}:${symbol}`);

// Where catch-up starts: the cursor, else the minute of the oldest open paper position, else nothing to do.
async function catchUpFrom(symbol: string): Promise<number | null> {
  const cursor = await redis().get(paperCursorKey(symbol));
  if (cursor !== null) return Number(cursor);
  const [row] = await db
    .select({ opened: min(positions.openedAt) })
    .from(positions)
    .innerJoin(exchangeAccounts, eq(exchangeAccounts.id, positions.exchangeAccountId))
    .where(
      and(eq(positions.symbol, symbol), eq(positions.status, "open"), eq(exchangeAccounts.exchange, "paper")),
    );
  return row?.opened ? Math.floor(row.opened.getTime() / 60_000) * 60_000 : null;
}

/** Apply one candle and move the cursor (the same candle again later is harmless: exits are idempotent). */
async function apply(symbol: string, candle: Candle): Promise<void> {
  const closed = await applyCandleToPaperPositions(symbol, candle);
  if (closed > 0)
    log.info({ symbol, closed, candle: candle.t }, "paper positions closed by stop, target or liquidation");
  await redis().set(paperCursorKey(symbol), String(candle.t));
}

/** Replay the stored candles from the cursor (inclusive: its last update may not have been final). */
export async function catchUp(symbol: string, start?: number | null): Promise<number> {
  const from = start === undefined ? await catchUpFrom(symbol) : start;
  if (from === null) return 0;
  const members = await redis().zrangebyscore(seriesKey(symbol), from, "+inf");
  for (const member of members) await apply(symbol, decodeCandle(member));
  if (members.length > 1) log.info({ symbol, candles: members.length }, "paper worker caught up");
  return members.length;
}

/** Subscribe to the live channel of every MARKET_SYMBOLS series, after catching up on what was missed. */
export async function startPaperWorker(_ctx: WorkerContext): Promise<Runnable> {
  const sub = createRedis("worker");
  sub.on("error", (err: Error) => log.warn({ err: err.message }, "paper subscription: Redis error"));
  // Subscribe only once the connection is ready: a SUBSCRIBE racing ioredis's ready check breaks that check.
  if (sub.status !== "ready") await new Promise((resolve) => sub.once("ready", resolve));
  const channels = new Map(env.MARKET_SYMBOLS.map((s) => [seriesChannel(s), s]));
  const chains = new Map<string, Promise<void>>();
  // Everything for one symbol runs on its chain, in arrival order: catch-ups and live updates alike.
  const enqueue = (symbol: string, step: () => Promise<unknown>) => {
    const next = (chains.get(symbol) ?? Promise.resolve())
      .then(step)
      .then(() => undefined)
      .catch((err: unknown) =>
        warnUnlessOutage(log, "paper", err, "applying candles to paper positions failed", { symbol }),
      );
    chains.set(symbol, next);
  };
  // Updates that arrive before the first catch-up is queued wait for it (older candles apply first).
  let early: Array<[string, Candle]> | null = [];
  sub.on("message", (channel: string, message: string) => {
    const symbol = channels.get(channel);
    if (!symbol) return;
    const candle = decodeCandle(message);
    if (![candle.t, candle.h, candle.l, candle.c].every(Number.isFinite)) return;
    if (early) early.push([symbol, candle]);
    else enqueue(symbol, () => apply(symbol, candle));
  });
  // Messages published while the subscription was down are lost: replay the store after every reconnect.
  let connectedOnce = false;
  sub.on("ready", () => {
    if (!connectedOnce) return;
    for (const symbol of channels.values()) enqueue(symbol, () => catchUp(symbol));
  });
  // Read where to start before subscribing: a live update that arrives first must not move the start.
  const starts = new Map(
    await Promise.all([...channels.values()].map(async (s) => [s, await catchUpFrom(s)] as const)),
  );
  await sub.subscribe(...channels.keys());
  connectedOnce = true;
  for (const symbol of channels.values()) enqueue(symbol, () => catchUp(symbol, starts.get(symbol)));
  for (const [symbol, candle] of early) enqueue(symbol, () => apply(symbol, candle));
  early = null;
  await Promise.all(chains.values());
  return {
    name: "paper",
    async close() {
      await sub.unsubscribe().catch(() => undefined);
      await Promise.allSettled(chains.values());
      sub.disconnect();
    },
  };
}
