// Bench: GET /api/kline?count=300 under load from this (second) process against a running `next start`.
// Usage: BENCH_URL=http://127.0.0.1:3401 npx tsx bench/kline.ts [seconds] [concurrency]
// It registers a user, signs in through Auth.js (CSRF + credentials), then loads the endpoint with the cookie.
import { load } from "./load";

const base = process.env.BENCH_URL ?? "http://127.0.0.1:3000";
const seconds = Number(process.argv[2] ?? 15);
const concurrency = Number(process.argv[3] ?? 32);

function cookiesOf(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(";")[0]!);
}

async function signIn(): Promise<string> {
  const email = `bench-${Date.now()}@example.com`;
  const password = "bench-password-1";
  const reg = await fetch(`${base}/api/auth/register`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  if (reg.status !== 201) throw new Error(`register failed: ${reg.status} ${await reg.text()}`);
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const jar = cookiesOf(csrfRes);
  const login = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: jar.join("; ") },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: `${base}/dashboard` }),
  });
  const session = cookiesOf(login).find((c) => c.includes("session-token"));
  if (!session) throw new Error(`sign-in failed: ${login.status}`);
  return session;
}

async function main() {
  const cookie = await signIn();
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
