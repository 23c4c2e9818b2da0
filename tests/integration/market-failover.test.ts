// Leader failover with two real worker processes (WORKER_ROLES=feed, replay at 60×): SIGKILL the leader, the
// standby takes over within 15 s, and the series has no gap and no duplicate open time.
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { getFeedStatus } from "@/lib/market/feed-status";
import { decodeCandle, feedLockKey, feedStatusKey, seriesKey } from "@/lib/market/series";
import { replayAnchorKey } from "@/workers/market-feed/replay-source";
import { closeRedis, redis } from "@/lib/redis";

const procs: ChildProcess[] = [];

// Start from no series, anchor, lock or status: other test files write candles of their own into BTCUSDT.
beforeAll(async () => {
  await redis().del(
    seriesKey("BTCUSDT"),
    feedStatusKey("BTCUSDT"),
    feedLockKey("BTCUSDT"),
    replayAnchorKey("BTCUSDT"),
  );
});

afterAll(async () => {
  for (const p of procs) if (p.exitCode === null) p.kill("SIGKILL");
  await closeRedis();
});

function startWorker(): ChildProcess {
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "workers/index.ts"],
    {
      env: {
        ...process.env,
        ...inject("testEnv"),
        WORKER_ROLES: "feed",
        REPLAY_SPEED: "60",
        LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  procs.push(child);
  return child;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms`);
    await sleep(200);
  }
}

async function series(): Promise<number[]> {
  return (await redis().zrange(seriesKey("BTCUSDT"), 0, -1)).map((m) => decodeCandle(m).t);
}

describe("feed leader failover", () => {
  it("the standby takes over within 15 s of a SIGKILL and continues without gap or duplicate", async () => {
    const a = startWorker();
    const b = startWorker();
    const first = await waitFor(async () => (await getFeedStatus("BTCUSDT")).leader, 30_000);
    const leaderPid = Number(first.split("-").at(-2));
    expect([a.pid, b.pid]).toContain(leaderPid);
    await sleep(3_000); // let the leader write live candles for a while
    const beforeKill = await series();

    const killedAt = Date.now();
    process.kill(leaderPid, "SIGKILL");
    const next = await waitFor(async () => {
      const s = await getFeedStatus("BTCUSDT");
      return s.leader && s.leader !== first && s.lastUpdate! > killedAt ? s : null;
    }, 20_000);
    const takeoverMs = next.lastUpdate! - killedAt;
    expect(takeoverMs).toBeLessThanOrEqual(15_000);
    expect(Number(next.leader!.split("-").at(-2))).not.toBe(leaderPid);

    // Let the new leader run until the replay (60×) is ten minutes past the newest candle before the kill.
    await waitFor(async () => (await series()).at(-1)! - beforeKill.at(-1)! >= 10 * 60_000, 20_000);
    const times = await series();
    expect(new Set(times).size).toBe(times.length);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBe(60_000);
    expect(times).toHaveLength(5_001);
    // It kept going: at 60× the newest candle is ≥ 10 minutes past the newest before the kill.
    expect(times.at(-1)! - beforeKill.at(-1)!).toBeGreaterThanOrEqual(10 * 60_000);
    console.info(`feed failover: standby took over ${takeoverMs} ms after SIGKILL`);
  }, 60_000);
});
