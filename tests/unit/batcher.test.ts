import { describe, expect, it } from "vitest";
import { createBatcher, groupBy, singleFlight } from "@/lib/batch/batcher";

describe("createBatcher", () => {
  it("serves calls made in the same turn with one run, each caller getting its own result", async () => {
    const runs: number[][] = [];
    const double = createBatcher<number, number>({
      async run(keys) {
        runs.push(keys);
        return keys.map((k) => k * 2);
      },
    });
    expect(await Promise.all([double(1), double(2), double(3)])).toEqual([2, 4, 6]);
    expect(runs).toEqual([[1, 2, 3]]);
  });

  it("splits at maxBatch", async () => {
    const runs: number[][] = [];
    const load = createBatcher<number, number>({
      maxBatch: 2,
      async run(keys) {
        runs.push(keys);
        return keys;
      },
    });
    await Promise.all([1, 2, 3, 4, 5].map(load));
    expect(runs).toEqual([[1, 2], [3, 4], [5]]);
  });

  it("rejects only the caller whose item failed", async () => {
    const load = createBatcher<number, number>({
      async run(keys) {
        return keys.map((k) => (k === 2 ? new Error("two is bad") : k));
      },
    });
    const results = await Promise.allSettled([load(1), load(2), load(3)]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((results[1] as PromiseRejectedResult).reason.message).toBe("two is bad");
  });

  it("rejects every caller of a batch whose run throws, and keeps serving later batches", async () => {
    let fail = true;
    const load = createBatcher<number, number>({
      async run(keys) {
        if (fail) throw new Error("database down");
        return keys;
      },
    });
    const first = await Promise.allSettled([load(1), load(2)]);
    expect(first.every((r) => r.status === "rejected")).toBe(true);
    fail = false;
    expect(await load(3)).toBe(3);
  });

  it("with isolateFailures, a failing batch is retried one call at a time so only the bad call fails", async () => {
    const runs: number[][] = [];
    const load = createBatcher<number, number>({
      isolateFailures: true,
      async run(keys) {
        runs.push(keys);
        if (keys.includes(13)) throw new Error("unlucky");
        return keys;
      },
    });
    const results = await Promise.allSettled([load(1), load(13), load(2)]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(runs).toEqual([[1, 13, 2], [1], [13], [2]]);
  });

  it("never puts two calls with the same conflict key in one batch", async () => {
    const runs: string[][] = [];
    const load = createBatcher<string, string>({
      conflictKey: (k) => k.split(":")[0]!,
      async run(keys) {
        runs.push(keys);
        return keys;
      },
    });
    await Promise.all(["a:1", "b:1", "a:2", "a:3", "c:1"].map(load));
    expect(runs).toEqual([["a:1", "b:1", "c:1"], ["a:2"], ["a:3"]]);
  });

  it("refuses a run that answers the wrong number of results", async () => {
    const load = createBatcher<number, number>({ run: async () => [1] });
    await expect(Promise.all([load(1), load(2)])).rejects.toThrow("1 results for 2 keys");
  });

  it("waits waitMs for company before running", async () => {
    const runs: number[][] = [];
    const load = createBatcher<number, number>({
      waitMs: 20,
      async run(keys) {
        runs.push(keys);
        return keys;
      },
    });
    const a = load(1);
    await new Promise((r) => setTimeout(r, 5));
    const b = load(2);
    await Promise.all([a, b]);
    expect(runs).toEqual([[1, 2]]);
  });
});

describe("singleFlight", () => {
  it("shares one in-flight call among concurrent callers and calls again once it settled", async () => {
    let calls = 0;
    const read = singleFlight(async (k: string) => {
      const n = ++calls;
      await new Promise((r) => setTimeout(r, 5));
      return `${k}${n}`;
    });
    expect(await Promise.all([read("x"), read("x"), read("y")])).toEqual(["x1", "x1", "y2"]);
    expect(await read("x")).toBe("x3");
    expect(calls).toBe(3);
  });
});

describe("groupBy", () => {
  it("groups items by key in order", () => {
    const g = groupBy([1, 2, 3, 4, 5], (n) => n % 2);
    expect([...g.entries()]).toEqual([
      [1, [1, 3, 5]],
      [0, [2, 4]],
    ]);
  });
});
