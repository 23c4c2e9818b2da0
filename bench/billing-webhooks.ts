// Bench: signed Stripe webhooks through the route handler and the BullMQ billing worker, against the fake Stripe,
// a fresh MariaDB database and a unique Redis prefix. Prints receipt → processed latency (p50/p95) and throughput.
// Run: npx tsx --conditions=react-server bench/billing-webhooks.ts [events=200]
import { startFakeStripe } from "../tests/fakes/stripe";
import { createTestEnv, destroyTestEnv } from "../tests/setup/test-env";

const N = Number(process.argv[2] ?? 200);
const testEnv = await createTestEnv("bench");
const fake = await startFakeStripe({ webhookSecret: "whsec_bench" });
Object.assign(process.env, testEnv, {
  STRIPE_SECRET_KEY: "sk_test_bench",
  STRIPE_WEBHOOK_SECRET: "whsec_bench",
  STRIPE_PRICE_PRO: "price_pro",
  STRIPE_PRICE_ELITE: "price_elite",
  STRIPE_API_URL: fake.url,
});
const { closeDb } = await import("@/db");
const { closeRedis } = await import("@/lib/redis");
const { closeBillingQueue } = await import("@/lib/billing/queue");
const { ensureStripeCustomer } = await import("@/lib/billing/checkout");
const { startBillingWorker } = await import("@/workers/billing");
const { deliver, makeTrader, waitForEvent } = await import("../tests/helpers/billing");

const { db } = await import("@/db");
const { stripeEvents } = await import("@/db/schema");
const { inArray, and, eq, count } = await import("drizzle-orm");

// One signed subscription.created event for a new user with a Stripe customer.
async function prepare(i: number) {
  const user = await makeTrader({ live: i % 2 === 0 });
  const customer = await ensureStripeCustomer(user.id);
  const sub = fake.setSubscription(`sub_bench_${i}`, {
    customer,
    price: i % 3 ? "price_pro" : "price_elite",
  });
  return fake.makeEvent("customer.subscription.created", sub);
}

const worker = await startBillingWorker();
const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor(xs.length * p))]!.toFixed(0);

// 1. Latency, one event at a time: webhook received → event row processed.
const latencies: number[] = [];
for (let i = 0; i < 50; i++) {
  const ev = await prepare(i);
  const t0 = performance.now();
  if ((await deliver(ev.payload, ev.signature)).status !== 200) throw new Error("delivery failed");
  await waitForEvent(ev.id, 30_000);
  latencies.push(performance.now() - t0);
}
latencies.sort((a, b) => a - b);
console.log(
  `latency (50 sequential): p50 ${pct(latencies, 0.5)} ms, p95 ${pct(latencies, 0.95)} ms, max ${pct(latencies, 1)} ms`,
);

// 2. Throughput: a burst of N deliveries (prepared first), time until every event is processed.
const events = [];
for (let i = 0; i < N; i++) events.push(await prepare(1000 + i));
const t0 = performance.now();
for (let i = 0; i < events.length; i += 20) {
  await Promise.all(events.slice(i, i + 20).map((ev) => deliver(ev.payload, ev.signature)));
}
const accepted = performance.now() - t0;
const ids = events.map((e) => e.id);
for (;;) {
  const [row] = await db
    .select({ n: count() })
    .from(stripeEvents)
    .where(and(inArray(stripeEvents.eventId, ids), eq(stripeEvents.status, "processed")));
  if (row!.n === N) break;
  await new Promise((r) => setTimeout(r, 20));
}
const done = performance.now() - t0;
console.log(
  `burst of ${N}: all accepted in ${accepted.toFixed(0)} ms (${((N / accepted) * 1000).toFixed(0)} webhooks/s), ` +
    `all processed in ${done.toFixed(0)} ms (${((N / done) * 1000).toFixed(0)} events/s, one worker, concurrency 4)`,
);
await worker.close();
await closeBillingQueue();
await fake.close();
await closeDb();
await closeRedis();
await destroyTestEnv(testEnv);
