import "server-only";
// Exchange rate limits shared by every worker process: token buckets in Redis, one per (exchange, egress IP)
// for all REST calls and one per (exchange, account) for order placements, sized from the exchange's published
// limits. A bucket refilling at share × limit / window with a burst of (1 − share) × limit never lets more than
// `limit` through in any window, however the window is placed (EXCHANGE_RATE_LIMIT_SHARE, default 0.8). A
// caller reserves its token and sleeps until it is due, so callers queue fairly across processes instead of
// hammering and being banned.
import { env } from "@/lib/env";
import { redis, rkey } from "@/lib/redis";
import type { LiveExchangeConfig } from "./registry";

/** How often one call is retried after the exchange's own rate-limit answer. */
export const RATE_LIMIT_RETRIES = 4;

// Reserve `cost` tokens; returns how many ms the caller waits before its turn. Tokens refill continuously.
// KEYS[1] bucket · ARGV capacity, refill per ms, cost.
const RESERVE = `
local cap = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local b = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(b[1]) or cap
local ts = tonumber(b[2]) or now
tokens = math.min(cap, tokens + (now - ts) * rate) - cost
redis.call('HSET', KEYS[1], 'tokens', tokens, 'ts', now)
redis.call('PEXPIRE', KEYS[1], math.ceil(cap / rate) + 60000)
if tokens >= 0 then return 0 end
return math.ceil(-tokens / rate)
`;

export interface Bucket {
  key: string;
  capacity: number;
  perMs: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const STATS = () => rkey("rl:stats");

async function reserve(b: Bucket, cost = 1): Promise<number> {
  return Number(await redis().eval(RESERVE, 1, b.key, b.capacity, b.perMs, cost));
}

/** A bucket that never passes more than `limit` per `windowMs` in any window: burst + refill × window = limit. */
export function bucketFor(key: string, limit: number, windowMs: number, share: number): Bucket {
  return { key, capacity: Math.max(1, Math.floor(limit * (1 - share))), perMs: (limit * share) / windowMs };
}

/** The limiter of one account's calls to one exchange. */
export interface AccountLimiter {
  /** Wait for this process's turn: every call takes an IP token, an order placement an account token too. */
  acquire(kind: "request" | "order"): Promise<void>;
  /** After the exchange answered "too many requests": count it and wait (1 s, 2 s, 4 s …). */
  backoff(attempt: number): Promise<void>;
}

/** Buckets for `config`'s published limits, this worker's egress IP and (for orders) the account. */
export function accountLimiter(config: LiveExchangeConfig, accountId: number | null): AccountLimiter {
  const share = env.EXCHANGE_RATE_LIMIT_SHARE;
  const { ipRequests, ipWindowMs, accountOrdersPerSecond } = config.rateLimits;
  const ip = bucketFor(rkey(`rl:ip:${config.ccxtId}:${env.EGRESS_IP_ID}`), ipRequests, ipWindowMs, share);
  const account =
    accountId === null
      ? null
      : bucketFor(rkey(`rl:acct:${config.ccxtId}:${accountId}`), accountOrdersPerSecond, 1_000, share);
  return {
    async acquire(kind) {
      const waits = await Promise.all([reserve(ip), kind === "order" && account ? reserve(account) : 0]);
      const wait = Math.max(...waits);
      if (wait <= 0) return;
      void redis()
        .multi()
        .hincrby(STATS(), "waits", 1)
        .hincrby(STATS(), "waitedMs", wait)
        .exec()
        .catch(() => undefined);
      await sleep(wait);
    },
    async backoff(attempt) {
      void redis()
        .hincrby(STATS(), "rejections", 1)
        .catch(() => undefined);
      await sleep(1000 * 2 ** (attempt - 1));
    },
  };
}

/** Totals since Redis last started: waits for a token, time waited, rate-limit answers from exchanges. */
export async function rateLimitStats(): Promise<{ waits: number; waitedMs: number; rejections: number }> {
  const h = await redis().hgetall(STATS());
  return {
    waits: Number(h.waits ?? 0),
    waitedMs: Number(h.waitedMs ?? 0),
    rejections: Number(h.rejections ?? 0),
  };
}
