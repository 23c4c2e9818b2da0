// Stripe webhooks end to end: real signed payloads through the route handler, the BullMQ billing worker, and a
// local fake of Stripe's API that the real stripe client talks to.
import { describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import Stripe from "stripe";
import { db } from "@/db";
import { auditLog, stripeEvents, subscriptions, users } from "@/db/schema";
import { createCheckoutSession, ensureStripeCustomer } from "@/lib/billing/checkout";
import { assertCanUseAccount, planFor } from "@/lib/billing/limits";
import { checkSettingsAgainstPlan } from "@/lib/trading/settings";
import {
  deliver,
  makeTrader,
  payingTrader,
  pausedReason,
  storedPlan,
  waitForEvent,
  withBillingWorker,
} from "../helpers/billing";

const fake = await vi.hoisted(() =>
  import("../helpers/stripe-env").then((m) => m.startStripeEnv("whsec_int_test")),
);

withBillingWorker(fake);

// A paying Pro user: customer made through our code, subscription active in (fake) Stripe and synced by webhook.
const proTrader = (live = true) => payingTrader(fake, { plan: "pro", live });

const retrievals = (eventId: string) =>
  fake.state.requests.filter((r) => r === `GET /v1/events/${eventId}`).length;

describe("webhook signature", () => {
  it("rejects a missing, wrong or tampered signature with 400 and records nothing", async () => {
    const ev = fake.makeEvent("customer.subscription.updated", { id: "sub_nope", object: "subscription" });
    const wrong = Stripe.webhooks.generateTestHeaderString({
      payload: ev.payload,
      secret: "whsec_someone_else",
    });
    expect(await deliver(ev.payload, null)).toMatchObject({
      status: 400,
      body: { error: { code: "bad_request" } },
    });
    expect((await deliver(ev.payload, wrong)).status).toBe(400);
    const tampered = ev.payload.replace("sub_nope", "sub_evil");
    const res = await deliver(tampered, ev.signature);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { code: "bad_request", message: "Invalid Stripe signature" } });
    expect(await db.select().from(stripeEvents).where(eq(stripeEvents.eventId, ev.id))).toHaveLength(0);
  });
});

describe("checkout", () => {
  it("creates one Stripe customer per user even for two concurrent checkouts, and reuses it", async () => {
    const user = await makeTrader({ live: false });
    const urls = await Promise.all([
      createCheckoutSession(user.id, "pro"),
      createCheckoutSession(user.id, "elite"),
    ]);
    expect(urls.every((u) => u.startsWith(`${fake.url}/checkout/cs_test_`))).toBe(true);
    await createCheckoutSession(user.id, "pro");
    const mine = [...fake.state.customers.values()].filter(
      (c) => (c.metadata as Record<string, string>).userId === String(user.id),
    );
    expect(mine).toHaveLength(1);
    const sessions = [...fake.state.sessions.values()].filter(
      (s) => s.client_reference_id === String(user.id),
    );
    expect(new Set(sessions.map((s) => s.customer))).toEqual(new Set([mine[0]!.id]));
    // Only the last one can be paid: earlier ones were expired at Stripe.
    const open = sessions.filter((s) => s.status === "open");
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({
      mode: "subscription",
      success_url: expect.stringContaining("/billing?checkout=success"),
    });
    expect((open[0]!.line_items as Record<string, { price: string }>)["0"]?.price).toBe("price_pro_test");
    // The redirect alone grants nothing: access comes from the webhook.
    expect(await storedPlan(user.id)).toBe("free");
  });

  it("grants the plan from checkout.session.completed, re-reading the session and subscription from Stripe", async () => {
    const user = await makeTrader({ live: false });
    const url = await createCheckoutSession(user.id, "elite");
    const page = await fetch(url, { redirect: "manual" });
    expect(page.status).toBe(303);
    const session = [...fake.state.sessions.values()].find((s) => url.endsWith(String(s.id)))!;
    expect(await storedPlan(user.id)).toBe("free");
    // The delivered body is stale on purpose (no subscription): the worker must re-read the session.
    const ev = fake.makeEvent("checkout.session.completed", { id: session.id, object: "checkout.session" });
    expect((await deliver(ev.payload, ev.signature)).status).toBe(200);
    expect((await waitForEvent(ev.id)).status).toBe("processed");
    expect(await storedPlan(user.id)).toBe("elite");
    const [sub] = await db.select().from(subscriptions).where(eq(subscriptions.userId, user.id));
    expect(sub).toMatchObject({
      plan: "elite",
      status: "active",
      stripeSubscriptionId: session.subscription,
    });
    expect(sub!.currentPeriodEnd!.getTime()).toBeGreaterThan(Date.now() + 20 * 86_400_000);
  });
});

describe("delivery semantics", () => {
  it("a repeated delivery is processed once and changes state once", async () => {
    const user = await proTrader();
    fake.setSubscription(user.subId, { status: "past_due" });
    const ev = fake.makeEvent("invoice.payment_failed", {
      id: "in_1",
      object: "invoice",
      parent: { type: "subscription_details", subscription_details: { subscription: user.subId } },
    });
    const first = await deliver(ev.payload, ev.signature);
    expect(first).toMatchObject({ status: 200, body: { received: true, duplicate: false } });
    await waitForEvent(ev.id);
    const second = await deliver(ev.payload, ev.signature);
    expect(second).toMatchObject({ status: 200, body: { received: true, duplicate: true } });
    await new Promise((r) => setTimeout(r, 300));
    expect(await db.select().from(stripeEvents).where(eq(stripeEvents.eventId, ev.id))).toMatchObject([
      { status: "processed" },
    ]);
    expect(retrievals(ev.id)).toBe(1);
    const paused = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetUserId, user.id), eq(auditLog.action, "billing.live_paused")));
    expect(paused).toHaveLength(1);
    expect(paused[0]).toMatchObject({ actorId: null, metadata: { status: "past_due", plan: "pro" } });
  });

  it("events out of order end in Stripe's current state", async () => {
    const user = await proTrader();
    const active = { ...fake.state.subscriptions.get(user.subId)! };
    fake.setSubscription(user.subId, { status: "canceled" });
    const deleted = fake.makeEvent("customer.subscription.deleted", {
      ...fake.state.subscriptions.get(user.subId)!,
    });
    const staleUpdate = fake.makeEvent("customer.subscription.updated", active);
    await deliver(deleted.payload, deleted.signature);
    await waitForEvent(deleted.id);
    await deliver(staleUpdate.payload, staleUpdate.signature);
    await waitForEvent(staleUpdate.id);
    expect(await storedPlan(user.id)).toBe("free");
    const [sub] = await db.select().from(subscriptions).where(eq(subscriptions.userId, user.id));
    expect(sub).toMatchObject({ status: "canceled", plan: "pro" });
    expect(sub!.canceledAt).toBeInstanceOf(Date);
  });

  it("an event for one user never changes another, and a stranger's customer changes nobody", async () => {
    const a = await proTrader();
    const b = await proTrader();
    fake.setSubscription(a.subId, { status: "canceled" });
    const ev = fake.makeEvent("customer.subscription.deleted", { id: a.subId, object: "subscription" });
    await deliver(ev.payload, ev.signature);
    await waitForEvent(ev.id);
    expect(await storedPlan(a.id)).toBe("free");
    expect(await storedPlan(b.id)).toBe("pro");
    expect(await pausedReason(b.id)).toEqual({ reason: null, autoTrade: true });

    const stranger = fake.setSubscription("sub_stranger", {
      customer: "cus_not_ours",
      price: "price_elite_test",
    });
    const other = fake.makeEvent("customer.subscription.created", stranger);
    await deliver(other.payload, other.signature);
    expect(await waitForEvent(other.id)).toMatchObject({
      status: "ignored",
      error: "No user for Stripe customer cus_not_ours",
    });
    expect(
      await db.select().from(subscriptions).where(eq(subscriptions.stripeSubscriptionId, "sub_stranger")),
    ).toEqual([]);
  });

  it("an event type we do not handle is recorded as ignored", async () => {
    const ev = fake.makeEvent("customer.created", { id: "cus_x", object: "customer" });
    expect((await deliver(ev.payload, ev.signature)).status).toBe(200);
    expect((await waitForEvent(ev.id)).status).toBe("ignored");
  });
});

describe("Stripe having a bad minute", () => {
  it("checkout answers 502 with a clear message and stores no customer", async () => {
    const user = await makeTrader({ live: false });
    fake.failNext(10);
    await expect(createCheckoutSession(user.id, "pro")).rejects.toMatchObject({
      status: 502,
      message: "Stripe could not handle the request right now. Please try again in a minute.",
    });
    fake.failNext(0);
    const [row] = await db.select({ c: users.stripeCustomerId }).from(users).where(eq(users.id, user.id));
    expect(row?.c).toBeNull();
  });

  it("an event whose processing fails is retried by the queue and processed later", async () => {
    const user = await makeTrader({ live: false });
    const customer = await ensureStripeCustomer(user.id);
    const sub = fake.setSubscription(`sub_retry_${user.id}`, { customer, price: "price_elite_test" });
    const ev = fake.makeEvent("customer.subscription.created", sub);
    fake.failNext(3);
    expect((await deliver(ev.payload, ev.signature)).status).toBe(200);
    expect((await waitForEvent(ev.id, 25_000)).status).toBe("processed");
    expect(retrievals(ev.id)).toBeGreaterThanOrEqual(2);
    expect(await storedPlan(user.id)).toBe("elite");
  });
});

describe("plan limits after billing changes", () => {
  it("past due pauses new live trades with a notice (positions protected); paid again clears it", async () => {
    const user = await proTrader();
    expect(await planFor({ id: user.id, plan: "pro" })).toMatchObject({
      liveTradingAllowed: true,
      reason: null,
    });
    fake.setSubscription(user.subId, { status: "past_due" });
    const failed = fake.makeEvent("invoice.payment_failed", {
      id: "in_2",
      object: "invoice",
      subscription: user.subId,
    });
    await deliver(failed.payload, failed.signature);
    await waitForEvent(failed.id);
    expect(await storedPlan(user.id)).toBe("pro");
    const access = await planFor({ id: user.id, plan: "pro" });
    expect(access).toMatchObject({ liveTradingAllowed: false, subscriptionStatus: "past_due" });
    expect(access.reason).toBe(
      "Your Pro subscription is past due: no new live trades are opened until the payment goes through. Open positions stay protected.",
    );
    expect(await pausedReason(user.id)).toEqual({ reason: access.reason, autoTrade: true });
    await expect(assertCanUseAccount({ id: user.id, plan: "pro" }, { exchange: "bybit" })).rejects.toThrow(
      /past due/,
    );
    await expect(
      assertCanUseAccount({ id: user.id, plan: "pro" }, { exchange: "paper" }),
    ).resolves.toBeUndefined();

    fake.setSubscription(user.subId, { status: "active" });
    const paid = fake.makeEvent("invoice.paid", {
      id: "in_3",
      object: "invoice",
      parent: { type: "subscription_details", subscription_details: { subscription: user.subId } },
    });
    await deliver(paid.payload, paid.signature);
    await waitForEvent(paid.id);
    expect(await pausedReason(user.id)).toEqual({ reason: null, autoTrade: true });
    expect((await planFor({ id: user.id, plan: "pro" })).liveTradingAllowed).toBe(true);
  });

  it("a downgrade blocks the next live order and the plan's leverage", async () => {
    const user = await proTrader();
    await expect(
      assertCanUseAccount({ id: user.id, plan: "pro" }, { exchange: "bybit" }),
    ).resolves.toBeUndefined();
    const before = await planFor({ id: user.id, plan: "pro" });
    expect(() => checkSettingsAgainstPlan({ maxLeverage: 8 }, before.plan)).not.toThrow();
    fake.setSubscription(user.subId, { status: "canceled" });
    const ev = fake.makeEvent("customer.subscription.deleted", {
      ...fake.state.subscriptions.get(user.subId)!,
    });
    await deliver(ev.payload, ev.signature);
    await waitForEvent(ev.id);
    // The caller's user object is stale ("pro"); planFor reads the stored plan.
    const access = await planFor({ id: user.id, plan: "pro" });
    expect(access.plan.id).toBe("free");
    await expect(assertCanUseAccount({ id: user.id, plan: "pro" }, { exchange: "bybit" })).rejects.toThrow(
      "Your Pro subscription has ended, so you are on the Free plan: no new live trades are opened. Open positions stay protected.",
    );
    expect(() => checkSettingsAgainstPlan({ maxLeverage: 8 }, access.plan)).toThrow(
      "maxLeverage: Max leverage can be at most 3x on the Free plan (you entered 8x)",
    );
    expect((await pausedReason(user.id))?.reason).toMatch(/has ended/);
  });
});
