// The decision loop on the wall clock: the real decide worker (BullMQ job scheduler) with a 5-second tick fires
// on the boundaries, stores each decision within a second of it, and the schedule the dashboard counts down to
// names the tick that really fires. A missing or misaligned scheduler is re-created on the boundary.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.TICK_INTERVAL_SECONDS = "5";
  process.env.DECISION_CANDLE_WAIT_MS = "3000";
});

import { and, eq, gte, isNull, lt } from "drizzle-orm";
import { closeDb, db } from "@/db";
import { decisions } from "@/db/schema";
import { QUEUES } from "@/lib/queue/names";
import { closeQueues, getQueue } from "@/lib/queue/queues";
import { closeRedis } from "@/lib/redis";
import { decisionSchedule } from "@/lib/trading/decision-schedule";
import { nextBoundary, schedulerId, startDecideWorker, syncSchedulers, tickFor } from "@/workers/decide";
import type { Runnable } from "@/workers/registry";
import { storeCandlesForTick } from "../helpers/market";
import { disableAllTraders } from "../helpers/traders";

const SYMBOL = "BTCUSDT";
const INTERVAL = 5_000;
let worker: Runnable;

beforeAll(async () => {
  await disableAllTraders();
  await getQueue(QUEUES.decide).obliterate({ force: true });
  // Candles up to the next minutes: every tick in this test finds its boundary candle at once.
  await storeCandlesForTick(SYMBOL, Math.ceil(Date.now() / 60_000) * 60_000 + 120_000);
});

afterAll(async () => {
  await getQueue(QUEUES.decide).obliterate({ force: true });
  await closeQueues();
  await closeDb();
  await closeRedis();
});

describe("tick boundaries (pure)", () => {
  it("a fire time belongs to the boundary at or before it; the first scheduled fire is the next boundary", () => {
    expect(tickFor(Date.UTC(2026, 0, 1, 0, 3, 25), 300_000)).toBe(Date.UTC(2026, 0, 1, 0, 0));
    expect(tickFor(Date.UTC(2026, 0, 1, 0, 5), 300_000)).toBe(Date.UTC(2026, 0, 1, 0, 5));
    expect(nextBoundary(Date.UTC(2026, 0, 1, 0, 3, 25), 300_000)).toBe(Date.UTC(2026, 0, 1, 0, 5));
    // Too close to a boundary to schedule it safely: the one after.
    expect(nextBoundary(Date.UTC(2026, 0, 1, 0, 4, 59, 950), 300_000)).toBe(Date.UTC(2026, 0, 1, 0, 10));
  });
});

describe("the decide worker on the wall clock", () => {
  it("fires on every boundary, and the dashboard's countdown target is the tick that fires", async () => {
    // Not within a hair of a boundary, where "the next tick" is a matter of milliseconds.
    if (INTERVAL - (Date.now() % INTERVAL) < 300) await new Promise((r) => setTimeout(r, 400));
    const started = Date.now();
    worker = await startDecideWorker();
    const scheduler = await getQueue(QUEUES.decide).getJobScheduler(schedulerId(SYMBOL));
    expect(scheduler?.every).toBe(INTERVAL);
    expect(scheduler!.next! % INTERVAL).toBe(0);
    // What the dashboard counts down to, read the way /api/decision-schedule reads it.
    const schedule = await decisionSchedule();
    expect(schedule.tickIntervalMs).toBe(INTERVAL);
    const rows = async () =>
      db
        .select()
        .from(decisions)
        // (other files' decisions for far-future ticks share this database: only this test's minute counts)
        .where(
          and(
            eq(decisions.symbol, SYMBOL),
            // the default group (the built-in strategy also decides for the low and high default groups)
            eq(decisions.riskLevel, "medium"),
            isNull(decisions.promptHash),
            gte(decisions.tickTime, new Date(started)),
            lt(decisions.tickTime, new Date(started + 60_000)),
          ),
        )
        .orderBy(decisions.tickTime);
    await expect
      .poll(async () => (await rows()).length, { timeout: 3 * INTERVAL, interval: 200 })
      .toBeGreaterThanOrEqual(2);
    const made = await rows();
    for (const d of made) {
      expect(d.tickTime.getTime() % INTERVAL).toBe(0);
      // Stored within a second of its boundary (the builtin strategy; the candle was already there).
      expect(d.lagMs).not.toBeNull();
      expect(d.lagMs!).toBeLessThan(1_000);
      expect(d.createdAt.getTime() - d.tickTime.getTime()).toBeLessThan(1_000);
    }
    // Consecutive boundaries, the first being the one the countdown showed.
    expect(made[0]!.tickTime.getTime()).toBe(schedule.nextTickAt);
    expect(made[1]!.tickTime.getTime() - made[0]!.tickTime.getTime()).toBe(INTERVAL);
  });

  it("records the ticks nobody ran while the workers were down as missed, and the next one on time", async () => {
    // The worker from the test above is still running: stop it for two ticks, then start it again.
    await worker.close();
    const stoppedAt = Date.now();
    await new Promise((r) => setTimeout(r, 2 * INTERVAL + 1_000));
    worker = await startDecideWorker();
    const rows = async () =>
      db
        .select()
        .from(decisions)
        .where(
          and(
            eq(decisions.symbol, SYMBOL),
            eq(decisions.riskLevel, "medium"),
            isNull(decisions.promptHash),
            gte(decisions.tickTime, new Date(stoppedAt)),
            lt(decisions.tickTime, new Date(stoppedAt + 60_000)),
          ),
        )
        .orderBy(decisions.tickTime);
    await expect
      .poll(async () => (await rows()).filter((d) => d.status === "ok").length, { timeout: 3 * INTERVAL })
      .toBeGreaterThanOrEqual(1);
    const made = await rows();
    // BullMQ's scheduler skips boundaries nobody was there for; each is recorded as missed (a late tick that
    // does run is decided, or abandoned if the next one already began). Every boundary has its row.
    const down = made.filter((d) => d.status === "skipped");
    expect(down.some((d) => d.error === "missed tick")).toBe(true);
    expect(made[0]!.tickTime.getTime()).toBeLessThan(stoppedAt + INTERVAL);
    for (const d of down) {
      expect(d.action).toBe("hold");
      expect(d.reason).toMatch(
        /^(Missed tick: nothing ran at \d\d:\d\d:\d\d UTC|Tick .* after the next tick began: abandoned)/,
      );
    }
    // One row per boundary, no gap and no duplicate: missed ticks, then the decided ones.
    const ticks = made.map((d) => d.tickTime.getTime());
    for (let i = 1; i < ticks.length; i++) expect(ticks[i]! - ticks[i - 1]!).toBe(INTERVAL);
  });

  it("re-creates a scheduler that vanished (Redis restarted empty) and re-aligns one off the boundary", async () => {
    // Stop the worker first: its own 15-second check would repair the schedulers behind this test's back.
    await worker.close();
    const queue = getQueue(QUEUES.decide);
    await queue.removeJobScheduler(schedulerId(SYMBOL));
    expect(await queue.getJobScheduler(schedulerId(SYMBOL))).toBeUndefined();
    expect((await syncSchedulers()).created).toEqual([SYMBOL]);
    expect((await queue.getJobScheduler(schedulerId(SYMBOL)))!.next! % INTERVAL).toBe(0);

    // A scheduler made the naive way fires at its creation phase (e.g. 1.7 s past a boundary).
    await queue.removeJobScheduler(schedulerId(SYMBOL));
    await new Promise((r) => setTimeout(r, INTERVAL - (Date.now() % INTERVAL) + 1_700));
    await queue.upsertJobScheduler(
      schedulerId(SYMBOL),
      { every: INTERVAL },
      { name: "schedule", data: { symbol: SYMBOL } },
    );
    expect((await queue.getJobScheduler(schedulerId(SYMBOL)))!.next! % INTERVAL).not.toBe(0);
    expect((await syncSchedulers()).created).toEqual([SYMBOL]);
    expect((await queue.getJobScheduler(schedulerId(SYMBOL)))!.next! % INTERVAL).toBe(0);
    // Nothing to do the second time.
    expect((await syncSchedulers()).created).toEqual([]);
  });
});
