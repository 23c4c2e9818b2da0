import "server-only";
// BullMQ connection settings: every queue shares one Redis key prefix.
import type { ConnectionOptions } from "bullmq";
import { env } from "@/lib/env";

/** BullMQ's key prefix, under Tickpilot's Redis prefix (e.g. `tp:bull`). */
export const BULL_PREFIX = `${env.REDIS_PREFIX}bull`;

function redisOptions(): {
  host: string;
  port: number;
  username?: string;
  password?: string;
  db?: number;
  tls?: object;
} {
  const url = new URL(env.REDIS_URL);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : undefined,
    tls: url.protocol === "rediss:" ? {} : undefined,
  };
}

/** Producers (web, schedulers) fail fast when Redis is down instead of queueing commands in memory. */
export function producerConnection(): ConnectionOptions {
  return { ...redisOptions(), enableOfflineQueue: false };
}

/** Workers block on Redis and must retry forever (BullMQ's production guidance). */
export function workerConnection(): ConnectionOptions {
  return { ...redisOptions(), maxRetriesPerRequest: null };
}
