// Bench: N open /api/stream connections against a running `next start`: Redis subscriptions they cost (one
// shared subscriber per web process) and fan-out latency from a PUBLISH to every connection receiving it.
// Usage: BENCH_URL=http://127.0.0.1:3401 REDIS_PREFIX=<app prefix> npx tsx bench/stream.ts [connections]
import { Redis } from "ioredis";
import { signIn } from "./sign-in";

const base = process.env.BENCH_URL ?? "http://127.0.0.1:3000";
const prefix = process.env.REDIS_PREFIX ?? "tp:";
const n = Number(process.argv[2] ?? 200);
const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");

// Redis subscriptions on the decisions channel (every stream listens to it): 1 with the shared hub, N without.
const subscribers = async () =>
  Number(((await redis.pubsub("NUMSUB", `${prefix}events:decisions`)) as [string, number])[1]);

async function main() {
  const cookie = await signIn(base);
  const seen = new Map<string, number[]>();
  const aborts: AbortController[] = [];
  await Promise.all(
    Array.from({ length: n }, async () => {
      const ac = new AbortController();
      aborts.push(ac);
      const res = await fetch(`${base}/api/stream`, { headers: { Cookie: cookie }, signal: ac.signal });
      if (res.status !== 200) throw new Error(`stream returned ${res.status}`);
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      void (async () => {
        try {
          for (;;) {
            const { value, done } = await reader.read();
            if (done) return;
            for (const m of decoder.decode(value).matchAll(/"benchId":"([^"]+)"/g)) {
              const list = seen.get(m[1]!) ?? [];
              list.push(performance.now());
              seen.set(m[1]!, list);
            }
          }
        } catch {
          /* aborted */
        }
      })();
    }),
  );
  await new Promise((r) => setTimeout(r, 500));
  const during = await subscribers();
  const lat: number[] = [];
  for (let i = 0; i < 20; i++) {
    const id = `b${i}`;
    const sent = performance.now();
    await redis.publish(`${prefix}events:decisions`, JSON.stringify({ benchId: id }));
    const deadline = Date.now() + 3_000;
    while ((seen.get(id)?.length ?? 0) < n && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 5));
    const got = seen.get(id) ?? [];
    if (got.length === n) lat.push(Math.max(...got) - sent);
    await new Promise((r) => setTimeout(r, 100));
  }
  aborts.forEach((a) => a.abort());
  lat.sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      bench: "stream",
      connections: n,
      redisSubscribersOnChannel: during,
      rounds: lat.length,
      allReceivedP50Ms: Math.round(lat[Math.floor(lat.length / 2)] ?? -1),
      allReceivedMaxMs: Math.round(lat.at(-1) ?? -1),
    }),
  );
  redis.disconnect();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
