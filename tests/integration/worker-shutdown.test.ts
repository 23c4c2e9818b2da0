// Graceful worker shutdown loses no job: close() (what workers/index.ts calls on SIGTERM) lets the job in
// progress finish, leaves queued jobs queued, and the next worker process picks them up.
import { afterAll, describe, expect, it } from "vitest";
import { Queue, Worker } from "bullmq";
import { BULL_PREFIX, producerConnection, workerConnection } from "@/lib/queue/connection";
import { closeRedis } from "@/lib/redis";

const NAME = "shutdown-test";

afterAll(async () => {
  await closeRedis();
});

describe("graceful worker shutdown", () => {
  it("finishes the in-flight job, keeps the rest waiting, and a new worker completes them", async () => {
    const queue = new Queue(NAME, { connection: producerConnection(), prefix: BULL_PREFIX });
    await queue.addBulk(
      [1, 2, 3, 4].map((n) => ({ name: "work", data: { n }, opts: { jobId: `job-${n}` } })),
    );

    const done: number[] = [];
    let started!: () => void;
    const firstStarted = new Promise<void>((r) => (started = r));
    const first = new Worker<{ n: number }>(
      NAME,
      async (job) => {
        started();
        await new Promise((r) => setTimeout(r, 400));
        done.push(job.data.n);
      },
      { connection: workerConnection(), prefix: BULL_PREFIX, concurrency: 1 },
    );
    await firstStarted;
    const t0 = Date.now();
    await first.close(); // SIGTERM path: waits for the job in progress
    expect(Date.now() - t0).toBeGreaterThan(200);
    expect(done).toEqual([1]);
    expect(await queue.getJobState("job-1")).toBe("completed");
    expect(await queue.getWaitingCount()).toBe(3);

    const second = new Worker<{ n: number }>(
      NAME,
      async (job) => {
        done.push(job.data.n);
      },
      { connection: workerConnection(), prefix: BULL_PREFIX },
    );
    await expect.poll(() => done.length, { timeout: 5000 }).toBe(4);
    await second.close();
    expect(done.sort()).toEqual([1, 2, 3, 4]);
    expect(await queue.getFailedCount()).toBe(0);
    await queue.obliterate({ force: true });
    await queue.close();
  });
});
