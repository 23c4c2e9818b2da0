// Bench: GET /api/kline?count=300 under load from this (second) process against a running `next start`.
// Usage: BENCH_URL=http://127.0.0.1:3401 npx tsx bench/kline.ts [seconds] [concurrency]
// It registers a user, signs in through Auth.js (CSRF + credentials), then loads the endpoint with the cookie.
import { load } from "./load";
import { signIn } from "./sign-in";

const base = process.env.BENCH_URL ?? "http://127.0.0.1:3000";
const seconds = Number(process.argv[2] ?? 15);
const concurrency = Number(process.argv[3] ?? 32);

async function main() {
  const cookie = await signIn(base);
  const url = `${base}/api/kline?symbol=BTCUSDT&interval=1m&count=300`;
  const check = await fetch(url, { headers: { Cookie: cookie } });
  if (check.status !== 200) throw new Error(`kline returned ${check.status}: ${await check.text()}`);
  await load(url, { concurrency, seconds: 3, headers: { Cookie: cookie } }); // warm-up
  // Baseline on the same machine and moment: /api/health (one MySQL and one Redis round trip, no session).
  const health = await load(`${base}/api/health`, { concurrency, seconds: Math.min(seconds, 8) });
  console.log(JSON.stringify({ bench: "health-baseline", concurrency, ...health }));
  for (const iv of ["1m", "1h"]) {
    const r = await load(url.replace("interval=1m", `interval=${iv}`), {
      concurrency,
      seconds,
      headers: { Cookie: cookie },
    });
    console.log(JSON.stringify({ bench: "kline", interval: iv, count: 300, concurrency, ...r }));
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
