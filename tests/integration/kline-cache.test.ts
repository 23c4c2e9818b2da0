// GET /api/kline through the real route, Redis and MySQL: one encoded answer per (symbol, interval, count) shared
// until the next candle write (which the next request sees), derived 1h/15m/5m series kept up to date by the
// upsert equal to a from-scratch aggregation of real candles, and the cached session check still refusing a
// suspended, "logged out everywhere" or logged-out user on the very next request.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const h = vi.hoisted(() => ({ cookies: new Map<string, string>() }));
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (h.cookies.has(name) ? { name, value: h.cookies.get(name)! } : undefined),
  }),
}));
// The full check (used only without a plain session cookie) sees no session.
vi.mock("@/lib/auth/index", () => ({ auth: async () => null }));

import { encode } from "next-auth/jwt";
import { closeDb } from "@/db";
import * as klineRoute from "@/app/api/kline/route";
import { suspendUser } from "@/lib/admin/user-actions";
import { revokeSessions } from "@/lib/auth/session";
import { revokeSession } from "@/lib/auth/sessions";
import { env } from "@/lib/env";
import { buildKlineBody, clearKlineCache } from "@/lib/market/kline-cache";
import {
  aggregateKline,
  encodeCandle,
  readCandles,
  readKline,
  seriesKey,
  seriesKeys,
} from "@/lib/market/series";
import { INTERVAL_MS, INTERVALS, type Candle } from "@/lib/market/types";
import { writeCandle, writeCandles } from "@/lib/market/write-candle";
import { closeRedis, redis } from "@/lib/redis";
import { makeUser } from "../helpers/accounts";
import { feedTarget } from "../helpers/live-replay";
import { realCandles } from "../helpers/market";

afterAll(async () => {
  await closeDb();
  await closeRedis();
});

const COOKIE = "authjs.session-token";
const SYMBOL = "BTCUSDT";
const MIN = 60_000;

/** Sign in as `user` the way Auth.js does: its encrypted session cookie. */
async function useCookieOf(user: { id: number; sessionVersion: number; sessionId: string }) {
  const token = await encode({
    token: { uid: String(user.id), sv: user.sessionVersion, sid: user.sessionId, role: "user" },
    secret: env.AUTH_SECRET,
    salt: COOKIE,
    maxAge: 3600,
  });
  h.cookies.set(COOKIE, token);
}

const get = (query: string) =>
  klineRoute.GET(new Request(`http://localhost/api/kline?symbol=${SYMBOL}&${query}`), undefined);

// Real candles re-timed to end at the current minute (the last one forming), written with the feed's upsert.
function recent(count: number): Candle[] {
  const now = Math.floor(Date.now() / MIN) * MIN;
  return realCandles(count, 1000).map((c, i) => ({ ...c, t: now - (count - 1 - i) * MIN }));
}

describe("GET /api/kline", () => {
  beforeAll(async () => {
    await redis().del(...seriesKeys(SYMBOL));
    clearKlineCache();
    await writeCandles(redis(), feedTarget(SYMBOL), recent(3000));
  });

  it("answers every interval with exactly the uncached computation, shared until the next write", async () => {
    await useCookieOf(await makeUser("kline-a"));
    for (const interval of INTERVALS) {
      const res = await get(`interval=${interval}&count=300`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/json");
      const body = await res.json();
      expect(body).toEqual(JSON.parse(JSON.stringify(await buildKlineBody(SYMBOL, interval, 300))));
      const perBar = INTERVAL_MS[interval] / MIN;
      expect(body.candles.length).toBeGreaterThanOrEqual(Math.min(300, Math.floor(3000 / perBar) - 1));
    }
    // Another user gets the same bytes.
    const first = await (await get("interval=1h&count=300")).text();
    await useCookieOf(await makeUser("kline-b"));
    expect(await (await get("interval=1h&count=300")).text()).toBe(first);

    // A change that bypasses the upsert (no version bump) is not seen: the answer is the shared cached one.
    const forming = (await readCandles(SYMBOL, 1)).at(-1)!;
    const bypass = { ...forming, c: forming.c + 1, h: Math.max(forming.h, forming.c + 1) };
    await redis().zremrangebyscore(seriesKey(SYMBOL), forming.t, forming.t);
    await redis().zadd(seriesKey(SYMBOL), forming.t, encodeCandle(bypass));
    expect(await (await get("interval=1h&count=300")).text()).toBe(first);

    // The feed's next write (the forming candle moves) is visible on the very next request, in every interval.
    const moved = { ...forming, c: forming.c + 250, h: Math.max(forming.h, forming.c + 250) };
    expect(await writeCandle(redis(), feedTarget(SYMBOL), moved)).toBe("updated");
    for (const interval of INTERVALS) {
      const body = await (await get(`interval=${interval}&count=300`)).json();
      expect(body.candles.at(-1).c).toBe(moved.c);
      expect(body.last1m).toEqual(moved);
    }
    // A new minute: a new forming 1m candle.
    const next = { t: forming.t + MIN, o: moved.c, h: moved.c, l: moved.c, c: moved.c, v: 0.5 };
    expect(await writeCandle(redis(), feedTarget(SYMBOL), next)).toBe("inserted");
    const ones = await (await get("interval=1m&count=300")).json();
    expect(ones.candles.at(-1)).toEqual(next);
    expect(ones.candles).toHaveLength(300);
  });

  it("refuses anonymous callers and validates the query by field", async () => {
    h.cookies.clear();
    expect((await get("interval=1m")).status).toBe(401);
    await useCookieOf(await makeUser("kline-v"));
    const bad = await get("interval=2h");
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toMatch(/1m, 5m, 15m, 1h/);
  });
});

describe("derived series kept by the upsert", () => {
  it("equal a from-scratch aggregation of real 1m candles after live updates, gaps and trimming", async () => {
    const symbol = `DRV${Date.now() % 100000}USDT`;
    const target = { ...feedTarget(symbol) };
    // 5,600 real minutes starting at 00:37 (a partial first hour), past the 5,000-candle trim. Each minute is
    // written the way the live feed does: first forming (open = high = low = close, tiny volume), then a
    // mid-minute update, then its final values; every 97th minute arrives late (gap backfill) after the next.
    const rows = realCandles(5_600, 37);
    expect(rows[0]!.t % 3_600_000).toBe(37 * MIN);
    const writes: Candle[] = [];
    let late: Candle | null = null;
    rows.forEach((c, i) => {
      if (i > 0 && i % 97 === 0) {
        late = c;
        return;
      }
      writes.push({ t: c.t, o: c.o, h: c.o, l: c.o, c: c.o, v: 0.001 });
      writes.push({ ...c, c: (c.o + c.c) / 2, h: Math.max(c.o, (c.o + c.c) / 2), v: c.v / 2 });
      writes.push(c);
      if (late) {
        writes.push(late);
        late = null;
      }
    });
    await writeCandles(redis(), target, writes);

    const ones = await readCandles(symbol, 6_000);
    expect(ones).toHaveLength(5_001);
    for (const interval of ["5m", "15m", "1h"] as const) {
      const scratch = aggregateKline(ones, interval, Number.MAX_SAFE_INTEGER);
      const derived = await readKline(symbol, interval, 5_000);
      // The derived series keeps whole buckets older than the 1m series' window; where both hold data they agree.
      const overlap = derived.filter((b) => b.t >= scratch[0]!.t);
      expect(overlap).toEqual(scratch);
      expect(derived.length).toBeGreaterThan(scratch.length);
      // The oldest derived bucket is whole: the partial 00:37 hour was never stored.
      expect(derived[0]!.t).toBeGreaterThanOrEqual(rows[0]!.t);
      expect(derived[0]!.t % 3_600_000 === 0 || interval !== "1h").toBe(true);
    }
    // 300 hourly candles of the kline answer are the newest 300 of the derived series.
    const kline = await readKline(symbol, "1h", 300);
    expect(kline).toHaveLength(Math.min(300, (await readKline(symbol, "1h", 5_000)).length));
  });
});

describe("the cached session check", () => {
  it("refuses a user on the next request after log out everywhere, suspension or logging out", async () => {
    const everywhere = await makeUser("kline-lo");
    await useCookieOf(everywhere);
    expect((await get("interval=1m")).status).toBe(200);
    expect((await get("interval=1m")).status).toBe(200);
    await revokeSessions(everywhere.id);
    expect((await get("interval=1m")).status).toBe(401);

    const suspended = await makeUser("kline-su");
    const admin = await makeUser("kline-admin");
    await useCookieOf(suspended);
    expect((await get("interval=1h")).status).toBe(200);
    expect((await get("interval=1h")).status).toBe(200);
    await suspendUser({ id: admin.id, ip: "127.0.0.1" }, suspended.id, "test");
    expect((await get("interval=1h")).status).toBe(401);

    const loggedOut = await makeUser("kline-out");
    await useCookieOf(loggedOut);
    expect((await get("interval=5m")).status).toBe(200);
    await revokeSession(loggedOut.sessionId);
    expect((await get("interval=5m")).status).toBe(401);

    // A cookie that does not decrypt is no session.
    h.cookies.set(COOKIE, "garbage.token.value");
    expect((await get("interval=5m")).status).toBe(401);
  });
});
