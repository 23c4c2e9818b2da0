// The shared rate-limit buckets in Redis: callers in different processes (here: separate limiters, as each worker
// builds its own) queue for the same tokens, so together they never go over the exchange's published limits.
import { afterAll, describe, expect, it } from "vitest";
import { accountLimiter } from "@/lib/exchange/rate-limit";
import type { LiveExchangeConfig } from "@/lib/exchange/registry";
import { closeRedis, redis, rkey } from "@/lib/redis";

afterAll(async () => {
  await closeRedis();
});

// 10 requests per second per IP and 2 orders per second per account, published; 80 % of them used.
const config = (id: string) =>
  ({
    ccxtId: id,
    rateLimits: { ipRequests: 10, ipWindowMs: 1_000, accountOrdersPerSecond: 2 },
  }) as LiveExchangeConfig;

describe("shared rate-limit buckets", () => {
  it("callers in several processes share one IP bucket: never more than 10 in any second", async () => {
    const id = `rltest${process.pid}${Date.now()}`;
    const workers = [
      accountLimiter(config(id), 1),
      accountLimiter(config(id), 2),
      accountLimiter(config(id), 3),
    ];
    const start = Date.now();
    const granted: number[] = [];
    await Promise.all(
      Array.from({ length: 24 }, async (_, i) => {
        await workers[i % 3]!.acquire("request");
        granted.push(Date.now() - start);
      }),
    );
    granted.sort((a, b) => a - b);
    // A burst of 2 (20 % of the limit), then 8 per second: the 24th after ≈ 2.75 s.
    expect(granted[1]!).toBeLessThan(300);
    expect(granted[23]!).toBeGreaterThan(2_500);
    expect(granted[23]!).toBeLessThan(4_000);
    // The published limit holds in every one-second window, wherever it starts.
    for (let t = 0; t <= granted[23]!; t += 50) {
      const inWindow = granted.filter((g) => g > t - 1_000 && g <= t).length;
      expect(inWindow).toBeLessThanOrEqual(10);
    }
    await redis().del(rkey(`rl:ip:${id}:default`));
  });

  it("order placements also take a token of the account's own bucket (1.6 per second here)", async () => {
    const id = `rlorder${process.pid}${Date.now()}`;
    const limiter = accountLimiter(config(id), 7);
    const start = Date.now();
    for (let i = 0; i < 4; i++) await limiter.acquire("order");
    // One token at once, then 1.6 per second: the 4th after ≈ 1.9 s.
    expect(Date.now() - start).toBeGreaterThan(1_600);
    expect(Date.now() - start).toBeLessThan(3_000);
  });
});
