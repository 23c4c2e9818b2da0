// The execution guard: switches flipped after a fan-out was enqueued still stop every queued order job.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { Queue, Worker, type Job } from "bullmq";
import { eq } from "drizzle-orm";
import { closeDb, db } from "@/db";
import { tradingSettings, users } from "@/db/schema";
import { closeQueues } from "@/lib/queue/queues";
import { updateSettings } from "@/lib/admin/system-settings";
import { suspendUser } from "@/lib/admin/user-actions";
import { registerUser } from "@/lib/auth/register";
import { BULL_PREFIX, producerConnection, workerConnection } from "@/lib/queue/connection";
import { QUEUES } from "@/lib/queue/names";
import { closeRedis } from "@/lib/redis";
import { executionBlockedReason } from "@/lib/system/guards";
import { setSystemSetting } from "@/lib/system/settings";
import { uniqueEmail } from "../helpers/db";

beforeEach(async () => {
  await setSystemSetting("killSwitch", false, null);
  await setSystemSetting("pausedSymbols", [], null);
});

afterAll(async () => {
  await setSystemSetting("killSwitch", false, null);
  await setSystemSetting("pausedSymbols", [], null);
  await closeQueues();
  await closeDb();
  await closeRedis();
});

async function trader(opts: { autoTrade?: boolean; killSwitch?: boolean } = {}) {
  const { id } = await registerUser({ email: uniqueEmail("guard"), password: "longenough1" });
  await db
    .update(tradingSettings)
    .set({ autoTrade: opts.autoTrade ?? true, killSwitch: opts.killSwitch ?? false })
    .where(eq(tradingSettings.userId, id));
  return id;
}

async function admin() {
  const { id } = await registerUser(
    { email: uniqueEmail("guard-admin"), password: "longenough1" },
    { role: "admin" },
  );
  return { id, ip: "127.0.0.1" };
}

describe("executionBlockedReason", () => {
  it("lets an active user with auto-trading on trade, and names each reason that stops them", async () => {
    const ok = await trader();
    expect(await executionBlockedReason(ok, "BTCUSDT")).toBeNull();

    const off = await trader({ autoTrade: false });
    expect(await executionBlockedReason(off, "BTCUSDT")).toBe("Auto-trading was switched off.");

    const own = await trader({ killSwitch: true });
    expect(await executionBlockedReason(own, "BTCUSDT")).toBe("Your kill switch is on.");

    const suspended = await trader();
    await db.update(users).set({ status: "suspended" }).where(eq(users.id, suspended));
    expect(await executionBlockedReason(suspended, "BTCUSDT")).toBe("Account suspended.");

    expect(await executionBlockedReason(999_999_999, "BTCUSDT")).toBe("No trading settings for this symbol.");
  });

  it("a paused symbol blocks it and only it", async () => {
    const u = await trader();
    const a = await admin();
    await updateSettings(a, { pausedSymbols: ["BTCUSDT"] });
    expect(await executionBlockedReason(u, "BTCUSDT")).toBe("BTCUSDT is paused by an operator.");
    await updateSettings(a, { pausedSymbols: [] });
    expect(await executionBlockedReason(u, "BTCUSDT")).toBeNull();
  });

  it("suspending a user through the admin action blocks their queued orders", async () => {
    const u = await trader();
    const a = await admin();
    await suspendUser(a, u);
    expect(await executionBlockedReason(u, "BTCUSDT")).toBe("Account suspended.");
  });

  it("the global kill switch stops an already-enqueued fan-out from the next job onward", async () => {
    const a = await admin();
    const ids = await Promise.all([trader(), trader(), trader(), trader(), trader()]);
    const queue = new Queue(QUEUES.execute, { connection: producerConnection(), prefix: BULL_PREFIX });
    // The fan-out lands in the queue while no worker runs (ids only, as the decision loop enqueues them).
    await queue.addBulk(
      ids.map((userId) => ({
        name: "execute",
        data: { decisionId: 1, userId },
        opts: { jobId: `d1-u${userId}` },
      })),
    );
    expect(await queue.getWaitingCount()).toBe(ids.length);

    // An operator flips the switch after the enqueue.
    await updateSettings(a, { killSwitch: true });

    const outcomes = new Map<number, string>();
    const done = new Promise<void>((resolve) => {
      const worker = new Worker(
        QUEUES.execute,
        async (job: Job<{ userId: number }>) => {
          // What the execute worker does first: ask the guard, skip with the reason when blocked.
          const blocked = await executionBlockedReason(job.data.userId, "BTCUSDT");
          outcomes.set(job.data.userId, blocked ?? "placed");
          if (outcomes.size === ids.length) setImmediate(() => void worker.close().then(resolve));
          return blocked ? { skipped: blocked } : { placed: true };
        },
        { connection: workerConnection(), prefix: BULL_PREFIX, concurrency: 2 },
      );
    });
    await done;
    await queue.close();
    expect([...outcomes.values()]).toEqual(ids.map(() => "Global kill switch is on: no new orders."));

    // Off again: the same user may trade on the next job.
    await updateSettings(a, { killSwitch: false });
    expect(await executionBlockedReason(ids[0]!, "BTCUSDT")).toBeNull();
  });
});
