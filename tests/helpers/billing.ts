// Billing test helpers: users with a live or paper account selected, webhook delivery through the real route
// handler, waiting for the billing worker to finish an event, and a paying customer made through our own code.
import { afterAll, beforeAll } from "vitest";
import { eq } from "drizzle-orm";
import { closeDb, db } from "@/db";
import { exchangeAccounts, stripeEvents, tradingSettings, users } from "@/db/schema";
import { ensureStripeCustomer } from "@/lib/billing/checkout";
import { closeBillingQueue } from "@/lib/billing/queue";
import { sealAccountKeys } from "@/lib/crypto/account-keys";
import { maskKey } from "@/lib/crypto/vault";
import { closeRedis } from "@/lib/redis";
import { startBillingWorker } from "@/workers/billing";
import type { Runnable } from "@/workers/registry";
import type { FakeStripe } from "../fakes/stripe";
import { uniqueEmail } from "./db";

/** A user on `plan` with trading settings pointing at a live (bybit) or paper account; `keys` make it tradable. */
export async function makeTrader(
  opts: { plan?: "free" | "pro" | "elite"; live?: boolean; keys?: { key: string; secret: string } } = {},
) {
  const [u] = await db
    .insert(users)
    .values({ email: uniqueEmail("bill"), passwordHash: "x", plan: opts.plan ?? "free" })
    .$returningId();
  const userId = u!.id;
  const [acc] = await db
    .insert(exchangeAccounts)
    .values({
      userId,
      exchange: opts.live === false ? "paper" : "bybit",
      label: opts.live === false ? "Paper trading" : "Bybit main",
      keyHint: opts.keys ? maskKey(opts.keys.key) : "AbCd…WxYz",
      ...(opts.live === false && { paperBalance: 10_000, paperInitialBalance: 10_000 }),
    })
    .$returningId();
  // Keys are sealed to their row (account, user, field), so they are written once the row has its id.
  if (opts.keys)
    await db
      .update(exchangeAccounts)
      .set(sealAccountKeys(acc!.id, userId, { apiKey: opts.keys.key, apiSecret: opts.keys.secret }))
      .where(eq(exchangeAccounts.id, acc!.id));
  await db.insert(tradingSettings).values({ userId, exchangeAccountId: acc!.id, autoTrade: true });
  return { id: userId, accountId: acc!.id };
}

/** POST a raw webhook body to the real route handler; returns status and JSON body. */
export async function deliver(payload: string, signature: string | null) {
  const { POST } = await import("@/app/api/stripe/webhook/route");
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (signature !== null) headers["stripe-signature"] = signature;
  const res = await POST(
    new Request("http://test/api/stripe/webhook", { method: "POST", headers, body: payload }),
    {},
  );
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Wait until the worker has finished event `eventId` (processed, ignored or failed). */
export async function waitForEvent(eventId: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const [row] = await db.select().from(stripeEvents).where(eq(stripeEvents.eventId, eventId));
    if (row && row.status !== "received") return row;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`event ${eventId} was not processed within ${timeoutMs} ms`);
}

/** Record a signed event at the fake, deliver it to the webhook route and wait until the worker is done. */
export async function deliverAndWait(fake: FakeStripe, type: string, object: Record<string, unknown>) {
  const ev = fake.makeEvent(type, object);
  const res = await deliver(ev.payload, ev.signature);
  if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
  return waitForEvent(ev.id);
}

/** A paying user: Stripe customer made through our code, subscription `plan` active and synced by webhook. */
export async function payingTrader(
  fake: FakeStripe,
  opts: { plan?: "pro" | "elite"; live?: boolean; keys?: { key: string; secret: string } } = {},
) {
  const plan = opts.plan ?? "pro";
  const user = await makeTrader({ live: opts.live ?? true, keys: opts.keys });
  const customer = await ensureStripeCustomer(user.id);
  const subId = `sub_${user.id}_${Date.now()}`;
  const sub = fake.setSubscription(subId, { customer, price: `price_${plan}_test`, status: "active" });
  const done = await deliverAndWait(fake, "customer.subscription.created", sub);
  if (done.status !== "processed") throw new Error(`subscription sync ${done.status}: ${done.error}`);
  return { ...user, customer, subId };
}

/** The user's plan as stored. */
export async function storedPlan(userId: number) {
  const [row] = await db.select({ plan: users.plan }).from(users).where(eq(users.id, userId));
  return row?.plan;
}

/** The user's trading settings notice. */
export async function pausedReason(userId: number) {
  const [row] = await db
    .select({ reason: tradingSettings.pausedReason, autoTrade: tradingSettings.autoTrade })
    .from(tradingSettings)
    .where(eq(tradingSettings.userId, userId));
  return row;
}

/** Run the billing worker for this test file; afterwards close it, its queue, the fake Stripe, MySQL and Redis. */
export function withBillingWorker(fake: FakeStripe): void {
  let worker: Runnable | null = null;
  beforeAll(async () => {
    worker = await startBillingWorker();
  });
  afterAll(async () => {
    await worker?.close();
    await closeBillingQueue();
    await fake.close();
    await closeDb();
    await closeRedis();
  });
}
