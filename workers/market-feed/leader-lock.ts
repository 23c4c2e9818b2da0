// Leader election for one series: SET NX PX with a random token, renewed by compare-and-extend, released by
// compare-and-delete. The token also fences every candle write (see lib/market/write-candle.ts).
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";

/** Lock time-to-live; a dead leader's lock expires after this. */
export const LOCK_TTL_MS = 10_000;

const EXTEND = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/** A lock on `key` owned by this process while `held`. */
export class LeaderLock {
  readonly token: string;

  constructor(
    private readonly conn: Redis,
    readonly key: string,
    owner: string,
    private readonly ttlMs = LOCK_TTL_MS,
  ) {
    this.token = `${owner}:${randomUUID()}`;
  }

  /** Take the lock if nobody holds it. */
  async acquire(): Promise<boolean> {
    return (await this.conn.set(this.key, this.token, "PX", this.ttlMs, "NX")) === "OK";
  }

  /** Extend the lock if we still hold it; false means leadership is lost. */
  async renew(): Promise<boolean> {
    return Number(await this.conn.eval(EXTEND, 1, this.key, this.token, this.ttlMs)) === 1;
  }

  /** Give the lock up (only if we hold it). */
  async release(): Promise<void> {
    await this.conn.eval(RELEASE, 1, this.key, this.token);
  }
}
