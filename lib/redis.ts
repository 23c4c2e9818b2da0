import "server-only";
// Redis connections. Every key and channel goes through `rkey()` so one prefix holds all of Tickpilot's data.
import { Redis, type RedisOptions } from "ioredis";
import { env } from "@/lib/env";
import { reportRedisError, reportRedisReady } from "@/lib/outage-log";

/** The full Redis key (or channel) for a logical name, e.g. `rkey("candles:binance:BTCUSDT:1m")`. */
export function rkey(name: string): string {
  return `${env.REDIS_PREFIX}${name}`;
}

/** A new connection. `worker` connections block (BullMQ workers, subscribers) and never give up retrying. */
export function createRedis(kind: "client" | "worker" = "client", extra: RedisOptions = {}): Redis {
  const options: RedisOptions =
    kind === "worker"
      ? { maxRetriesPerRequest: null, enableReadyCheck: true }
      : {
          maxRetriesPerRequest: 2,
          connectTimeout: 5_000,
          enableOfflineQueue: true,
          // Commands issued in the same tick (thousands of execute jobs at once) share one socket write.
          enableAutoPipelining: true,
        };
  const conn = new Redis(env.REDIS_URL, { lazyConnect: false, ...options, ...extra });
  // Without a listener ioredis prints "Unhandled error event" with a stack for every failed reconnect.
  conn.on("error", (err: Error) => reportRedisError(`ioredis:${kind}`, err));
  conn.on("ready", () => reportRedisReady(`ioredis:${kind}`));
  return conn;
}

const globalForRedis = globalThis as unknown as { __tpRedis?: Redis };

/** The shared command connection of this process (rate limits, candles, heartbeats). */
export function redis(): Redis {
  return (globalForRedis.__tpRedis ??= createRedis("client"));
}

/** Close the shared connection (scripts, workers and tests on shutdown). */
export async function closeRedis(): Promise<void> {
  const conn = globalForRedis.__tpRedis;
  globalForRedis.__tpRedis = undefined;
  if (conn) await conn.quit().catch(() => conn.disconnect());
}
