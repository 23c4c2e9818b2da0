import "server-only";
// Atomic candle upsert (one Lua script): the only way candles enter a series. Enforces the store's invariants —
// one member per open time, the forming (newest) candle replaced in place, older closed candles immutable,
// missing older candles (gap backfill) inserted, trimmed to 5,000 closed + 1 forming — then PUBLISHes the
// member, stamps the feed status hash, and (when a fencing token is given) refuses writes from a non-leader.
import type { Redis, Result } from "ioredis";
import { encodeCandle } from "./series";
import type { Candle } from "./types";

/** How many closed candles a series keeps (plus the forming one). */
export const MAX_CLOSED = 5_000;

/** Result of one upsert: inserted, replaced the forming candle, unchanged (closed/identical), or not leader. */
export type WriteResult = "inserted" | "updated" | "unchanged" | "not_leader";

// KEYS: 1 series, 2 channel, 3 status hash, 4 leader lock. ARGV: 1 t, 2 member, 3 max closed, 4 token ("" = no
// fencing), 5 now ms, 6 source, 7 leader id.
const SCRIPT = `
if ARGV[4] ~= '' and redis.call('GET', KEYS[4]) ~= ARGV[4] then return -1 end
local t = tonumber(ARGV[1])
local existing = redis.call('ZRANGEBYSCORE', KEYS[1], t, t)
local result = 0
if #existing > 0 then
  local newest = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
  if tonumber(newest[2]) == t and existing[1] ~= ARGV[2] then
    for _, m in ipairs(existing) do redis.call('ZREM', KEYS[1], m) end
    redis.call('ZADD', KEYS[1], t, ARGV[2])
    result = 2
  end
else
  redis.call('ZADD', KEYS[1], t, ARGV[2])
  redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -(tonumber(ARGV[3]) + 2))
  result = 1
end
if result > 0 then redis.call('PUBLISH', KEYS[2], ARGV[2]) end
local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
redis.call('HSET', KEYS[3], 'source', ARGV[6], 'leader', ARGV[7], 'lastUpdate', ARGV[5], 'lastCandleTime', last[2])
return result
`;

declare module "ioredis" {
  interface RedisCommander<Context> {
    tpWriteCandle(
      series: string,
      channel: string,
      status: string,
      lock: string,
      t: number,
      member: string,
      maxClosed: number,
      token: string,
      now: number,
      source: string,
      leader: string,
    ): Result<number, Context>;
  }
}

/** Register the script on a connection (idempotent); ioredis then runs it by EVALSHA. */
export function defineWriteCandle(conn: Redis): void {
  if (typeof (conn as Partial<Redis>).tpWriteCandle === "function") return;
  conn.defineCommand("tpWriteCandle", { numberOfKeys: 4, lua: SCRIPT });
}

/** Keys and identity one writer uses for a series. */
export interface SeriesTarget {
  series: string;
  channel: string;
  status: string;
  lock: string;
  source: string;
  leader: string;
  /** Fencing token: the write happens only while the lock holds this value ("" disables the check). */
  token: string;
}

const RESULTS: Record<number, WriteResult> = {
  [-1]: "not_leader",
  0: "unchanged",
  1: "inserted",
  2: "updated",
};

/** Upsert one candle atomically. */
export async function writeCandle(conn: Redis, target: SeriesTarget, candle: Candle): Promise<WriteResult> {
  defineWriteCandle(conn);
  const code = await conn.tpWriteCandle(
    target.series,
    target.channel,
    target.status,
    target.lock,
    candle.t,
    encodeCandle(candle),
    MAX_CLOSED,
    target.token,
    Date.now(),
    target.source,
    target.leader,
  );
  return RESULTS[code] ?? "unchanged";
}

/** Upsert many candles (oldest first) in one pipeline; returns each result. */
export async function writeCandles(
  conn: Redis,
  target: SeriesTarget,
  candles: Candle[],
): Promise<WriteResult[]> {
  defineWriteCandle(conn);
  const out: WriteResult[] = [];
  for (let i = 0; i < candles.length; i += 1000) {
    const pipe = conn.pipeline();
    for (const c of candles.slice(i, i + 1000)) {
      pipe.tpWriteCandle(
        target.series,
        target.channel,
        target.status,
        target.lock,
        c.t,
        encodeCandle(c),
        MAX_CLOSED,
        target.token,
        Date.now(),
        target.source,
        target.leader,
      );
    }
    const res = (await pipe.exec()) ?? [];
    for (const [err, code] of res) {
      if (err) throw err;
      out.push(RESULTS[code as number] ?? "unchanged");
    }
  }
  return out;
}
