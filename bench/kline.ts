// Bench: GET /api/kline (count 300, 1m and 1h) against the /api/health baseline, in one run, from this (second)
// process with a fixed number of keep-alive connections. By default it starts what it measures: a fresh
// database and Redis prefix, the production build (`server.ts`, NODE_ENV=production; run `next build` first)
// and the worker with every role (/api/health is 200 only with it), whose replay feed rewrites the forming candle
// every second during the run (so the shared kline answer is rebuilt as often as it would be in production). With BENCH_URL it loads an
// app that is already running instead.
// Usage: npx tsx --conditions=react-server bench/kline.ts [seconds=15] [connections=32]
//        (BENCH_PORT=3201 for the server it starts; BENCH_URL=http://127.0.0.1:3000 to use a running one)
import { spawn, type ChildProcess } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { Redis } from "ioredis";
import { createTestEnv, destroyTestEnv, type TestEnv } from "../tests/setup/test-env";
import { startWorker, stopWorker } from "./fanout-helpers";
import { load, type LoadResult } from "./load";
import { signIn } from "./sign-in";

const seconds = Number(process.argv[2] ?? 15);
const concurrency = Number(process.argv[3] ?? 32);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// The web server (production build) in its own process group.
function startWeb(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    env: { ...process.env, ...env, HOST: "127.0.0.1", LOG_LEVEL: "warn" },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
}

// Until the app answers /api/health and the feed has written the series (a kline with candles).
async function waitReady(base: string, cookie: () => Promise<string>): Promise<string> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const ok = await fetch(`${base}/api/health`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) {
      const c = await cookie();
      for (;;) {
        const res = await fetch(`${base}/api/kline?symbol=BTCUSDT&interval=1h&count=300`, {
          headers: { Cookie: c },
        });
        if (res.status !== 200) throw new Error(`kline returned ${res.status}: ${await res.text()}`);
        const body = (await res.json()) as { candles: unknown[] };
        if (body.candles.length >= 60) return c;
        if (Date.now() > deadline) throw new Error("the feed wrote no candles");
        await sleep(500);
      }
    }
    await sleep(500);
  }
  throw new Error("the app did not become healthy");
}

// Writes the feed made so far (the series' version counter), or NaN for an app this bench did not start.
async function feedWrites(testEnv: TestEnv | null): Promise<number> {
  if (!testEnv) return Number.NaN;
  const conn = new Redis(testEnv.REDIS_URL);
  try {
    return Number(await conn.get(`${testEnv.REDIS_PREFIX}candles:replay:BTCUSDT:1m:ver`));
  } finally {
    conn.disconnect();
  }
}

async function main() {
  let testEnv: TestEnv | null = null;
  const procs: ChildProcess[] = [];
  let base = process.env.BENCH_URL;
  try {
    let cookie: string;
    if (base) {
      cookie = await signIn(base);
    } else {
      testEnv = await createTestEnv("kline");
      const port = Number(process.env.BENCH_PORT ?? 3201);
      base = `http://127.0.0.1:${port}`;
      const env = { ...testEnv, NODE_ENV: "production", PORT: String(port), APP_URL: base };
      procs.push(await startWorker(env));
      procs.push(startWeb(env));
      const url = base;
      cookie = await waitReady(url, () => signIn(url));
    }
    const kline = (iv: string) => `${base}/api/kline?symbol=BTCUSDT&interval=${iv}&count=300`;
    const headers = { Cookie: cookie };
    for (const iv of ["1m", "1h"]) await load(kline(iv), { concurrency, seconds: 3, headers }); // warm-up
    await load(`${base}/api/health`, { concurrency, seconds: 3 });
    const config = {
      connections: concurrency,
      secondsEach: seconds,
      server: process.env.BENCH_URL
        ? process.env.BENCH_URL
        : "next start (server.ts, NODE_ENV=production), 1 process",
      feed: process.env.BENCH_URL ? "as running" : "replay, forming candle rewritten every 1 s",
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      loadAvgBefore: loadavg().map((x) => +x.toFixed(2)),
      at: new Date().toISOString(),
    };
    const rows: Array<{ what: string } & LoadResult> = [];
    // Interleaved, twice, in opposite orders, so a noisy neighbour on the shared machine hits every series alike.
    const writes0 = await feedWrites(testEnv);
    const order = ["health", "kline 1m", "kline 1h"];
    for (const what of [...order, ...order.reverse()]) {
      const r =
        what === "health"
          ? await load(`${base}/api/health`, { concurrency, seconds })
          : await load(kline(what.slice(6)), { concurrency, seconds, headers });
      rows.push({ what, ...r });
    }
    const writes = (await feedWrites(testEnv)) - writes0;
    console.log(`\n/api/kline bench — ${JSON.stringify(config)}`);
    console.log(
      `candle writes by the feed during the runs (each one rebuilds the shared answers): ${writes}\n`,
    );
    console.log("| what | req/s mean (runs) | p50 ms | p90 ms | p99 ms | max ms | errors |");
    console.log("|---|---:|---:|---:|---:|---:|---:|");
    for (const what of ["health", "kline 1m", "kline 1h"]) {
      const runs = rows.filter((r) => r.what === what);
      const best = runs.reduce((a, b) => (b.rps > a.rps ? b : a));
      const mean = Math.round(runs.reduce((n, r) => n + r.rps, 0) / runs.length);
      console.log(
        `| ${what === "health" ? "/api/health" : `/api/${what}, count 300`} | ${mean} (${runs.map((r) => r.rps).join(", ")}) | ${best.p50} | ${best.p90} | ${best.p99} | ${best.max} | ${runs.reduce((n, r) => n + r.errors, 0)} |`,
      );
    }
    console.log(JSON.stringify({ config, rows }));
  } finally {
    await Promise.all(procs.map(stopWorker));
    if (testEnv) await destroyTestEnv(testEnv);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
