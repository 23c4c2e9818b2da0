import "server-only";
// Atomic candle upsert (one Lua script): the only way candles enter a series. Enforces the store's invariants —
// one member per open time, the forming (newest) candle replaced in place, older closed candles immutable,
// missing older candles (gap backfill) inserted, trimmed to 5,000 closed + 1 forming — then PUBLISHes the
// member, stamps the feed status hash, and (when a fencing token is given) refuses writes from a non-leader.
// It also keeps the derived series (5m, 15m, 1h) up to date incrementally: the one bucket the written minute
// belongs to is re-aggregated from its ≤ 60 stored minutes (never 5,000), and it bumps the series' version
// counter, which the kline response cache compares (lib/market/kline-cache.ts).
import type { Redis, Result } from "ioredis";
import { DERIVED_INTERVALS, derivedKeyOf, encodeCandle, versionKeyOf } from "./series";
import { INTERVAL_MS } from "./types";
import type { Candle } from "./types";

/** How many closed candles a series keeps (plus the forming one). */
export const MAX_CLOSED = 5_000;

/** Result of one upsert: inserted, replaced the forming candle, unchanged (closed/identical), or not leader. */
export type WriteResult = "inserted" | "updated" | "unchanged" | "not_leader";

// KEYS: 1 series, 2 channel, 3 status hash, 4 leader lock, 5 version counter, 6… derived series. ARGV: 1 t,
// 2 member, 3 max closed, 4 token ("" = no fencing), 5 now ms, 6 source, 7 leader id, 8… bucket size (ms) of each
// derived series. A derived bucket is (re)built only when the 1m series holds its first minute, so a partial
// leading bucket is never stored (readKline's from-scratch rule); its volume is summed and rounded to 1e-8 in
// the same order as aggregate() does; prices keep the members' own text.
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
if result > 0 then
  redis.call('PUBLISH', KEYS[2], ARGV[2])
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  local first = tonumber(oldest[2])
  for i = 6, #KEYS do
    local size = tonumber(ARGV[i + 2])
    local b = t - (t % size)
    if first ~= nil and first <= b then
      local ms = redis.call('ZRANGEBYSCORE', KEYS[1], b, b + size - 1)
      local o, h, l, c, hs, ls, vs, v
      for j, m in ipairs(ms) do
        local f = {}
        for part in string.gmatch(m, '[^:]+') do f[#f + 1] = part end
        local hi, lo, vol = tonumber(f[3]), tonumber(f[4]), tonumber(f[6])
        if j == 1 then
          o, h, l, hs, ls, v, vs = f[2], hi, lo, f[3], f[4], vol, f[6]
        else
          if hi > h then h, hs = hi, f[3] end
          if lo < l then l, ls = lo, f[4] end
          v = math.floor((v + vol) * 1e8 + 0.5) / 1e8
          vs = string.format('%.15g', v)
        end
        c = f[5]
      end
      redis.call('ZREMRANGEBYSCORE', KEYS[i], b, b)
      redis.call('ZADD', KEYS[i], b, b .. ':' .. o .. ':' .. hs .. ':' .. ls .. ':' .. c .. ':' .. vs)
      redis.call('ZREMRANGEBYRANK', KEYS[i], 0, -(tonumber(ARGV[3]) + 2))
    end
  end
end
redis.call('INCR', KEYS[5])
local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
redis.call('HSET', KEYS[3], 'source', ARGV[6], 'leader', ARGV[7], 'lastUpdate', ARGV[5], 'lastCandleTime', last[2])
return result
`;

// Every derived series key and its bucket size, in the script's KEYS/ARGV order.
const DERIVED_SIZES = DERIVED_INTERVALS.map((iv) => INTERVAL_MS[iv]);

declare module "ioredis" {
  interface RedisCommander<Context> {
    tpWriteCandle(...args: (string | number)[]): Result<number, Context>;
  }
}

/** Register the script on a connection (idempotent); ioredis then runs it by EVALSHA. */
export function defineWriteCandle(conn: Redis): void {
  if (typeof (conn as Partial<Redis>).tpWriteCandle === "function") return;
  conn.defineCommand("tpWriteCandle", { numberOfKeys: 5 + DERIVED_SIZES.length, lua: SCRIPT });
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

// The script's KEYS then ARGV for one candle.
function scriptArgs(target: SeriesTarget, c: Candle): (string | number)[] {
  return [
    target.series,
    target.channel,
    target.status,
    target.lock,
    versionKeyOf(target.series),
    ...DERIVED_INTERVALS.map((iv) => derivedKeyOf(target.series, iv)),
    c.t,
    encodeCandle(c),
    MAX_CLOSED,
    target.token,
    Date.now(),
    target.source,
    target.leader,
    ...DERIVED_SIZES,
  ];
}

/** Upsert one candle atomically. */
export async function writeCandle(conn: Redis, target: SeriesTarget, candle: Candle): Promise<WriteResult> {
  defineWriteCandle(conn);
  const code = await conn.tpWriteCandle(...scriptArgs(target, candle));
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
    for (const c of candles.slice(i, i + 1000)) pipe.tpWriteCandle(...scriptArgs(target, c));
    const res = (await pipe.exec()) ?? [];
    for (const [err, code] of res) {
      if (err) throw err;
      out.push(RESULTS[code as number] ?? "unchanged");
    }
  }
  return out;
}
