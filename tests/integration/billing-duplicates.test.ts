// A second paid subscription for one user (issue 19, finding 2): detected when it syncs, cancelled at Stripe with
// its payment refunded, written to the audit log once, and shown on the billing page, so nobody pays twice.
import { describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import { db } from "@/db";
import { auditLog, subscriptions } from "@/db/schema";
import { ensureStripeCustomer } from "@/lib/billing/checkout";
import { getBillingOverview } from "@/lib/billing/overview";
import { deliverAndWait, makeTrader, storedPlan, withBillingWorker } from "../helpers/billing";

const fake = await vi.hoisted(() =>
  import("../helpers/stripe-env").then((m) => m.startStripeEnv("whsec_dup_test")),
);

withBillingWorker(fake);

const refundsOf = (subId: string) => {
  const sub = fake.state.subscriptions.get(subId)!;
  const payments = [...fake.state.invoicePayments.values()].filter((p) => p.invoice === sub.latest_invoice);
  const intents = payments.map((p) => (p.payment as { payment_intent: string }).payment_intent);
  return [...fake.state.refunds.values()].filter((r) => intents.includes(String(r.payment_intent)));
};
const duplicateAudits = (userId: number) =>
  db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.targetUserId, userId), eq(auditLog.action, "billing.duplicate_cancelled")));

describe("a second paid subscription", () => {
  it("is cancelled and refunded in full; the first one stays; one audit entry however often it syncs", async () => {
    const user = await makeTrader({ live: false });
    const customer = await ensureStripeCustomer(user.id);
    const now = Math.floor(Date.now() / 1000);
    const first = fake.setSubscription(`sub_first_${user.id}`, {
      customer,
      price: "price_pro_test",
      created: now - 60,
    });
    const second = fake.setSubscription(`sub_second_${user.id}`, {
      customer,
      price: "price_elite_test",
      created: now,
    });
    expect((await deliverAndWait(fake, "customer.subscription.created", first)).status).toBe("processed");
    expect(await storedPlan(user.id)).toBe("pro");
    expect((await deliverAndWait(fake, "customer.subscription.created", second)).status).toBe("processed");

    expect(fake.state.subscriptions.get(String(first.id))?.status).toBe("active");
    expect(fake.state.subscriptions.get(String(second.id))?.status).toBe("canceled");
    expect(refundsOf(String(second.id))).toMatchObject([
      { amount: 9900, currency: "usd", reason: "duplicate", status: "succeeded" },
    ]);
    expect(refundsOf(String(first.id))).toEqual([]);
    expect(await storedPlan(user.id)).toBe("pro");
    const rows = await db.select().from(subscriptions).where(eq(subscriptions.userId, user.id));
    expect(rows.find((r) => r.stripeSubscriptionId === second.id)).toMatchObject({
      status: "canceled",
      duplicateOf: first.id,
      refundedAmount: 9900,
      refundCurrency: "usd",
    });
    expect(await duplicateAudits(user.id)).toMatchObject([
      {
        actorId: null,
        targetType: "subscription",
        targetId: second.id,
        metadata: { kept: first.id, plan: "elite", refunded: 9900, currency: "usd" },
      },
    ]);

    // Stripe's own events about the cancellation and a repeated paid event change nothing more.
    await deliverAndWait(fake, "customer.subscription.deleted", {
      ...fake.state.subscriptions.get(String(second.id))!,
    });
    await deliverAndWait(fake, "customer.subscription.updated", {
      ...fake.state.subscriptions.get(String(first.id))!,
    });
    expect(refundsOf(String(second.id))).toHaveLength(1);
    expect(await duplicateAudits(user.id)).toHaveLength(1);
    expect(await storedPlan(user.id)).toBe("pro");

    const overview = await getBillingOverview(user.id);
    expect(overview).toMatchObject({ plan: "pro", status: "active" });
    expect(overview.duplicateRefunds).toMatchObject([{ plan: "elite", amount: 9900, currency: "usd" }]);
  });

  it("a refund that fails at Stripe is retried with the job, and the duplicate is cancelled only after it", async () => {
    const user = await makeTrader({ live: false });
    const customer = await ensureStripeCustomer(user.id);
    const now = Math.floor(Date.now() / 1000);
    const first = fake.setSubscription(`sub_a_${user.id}`, {
      customer,
      price: "price_elite_test",
      created: now - 5,
    });
    await deliverAndWait(fake, "customer.subscription.created", first);
    const second = fake.setSubscription(`sub_b_${user.id}`, {
      customer,
      price: "price_pro_test",
      created: now,
    });
    const from = fake.state.requests.length;
    // The refund fails through the client's own retries; the job fails and BullMQ runs it again.
    fake.failNext(3, "api_error", "POST /v1/refunds");
    const done = await deliverAndWait(fake, "customer.subscription.created", second);
    expect(done.status).toBe("processed");
    const seen = fake.state.requests.slice(from);
    const refunds = seen.flatMap((r, i) => (r === "POST /v1/refunds" ? [i] : []));
    const cancels = seen.flatMap((r, i) => (r === `DELETE /v1/subscriptions/${second.id}` ? [i] : []));
    expect(refunds.length).toBe(4);
    expect(cancels).toHaveLength(1);
    expect(cancels[0]!).toBeGreaterThan(Math.max(...refunds));
    expect(fake.state.subscriptions.get(String(second.id))?.status).toBe("canceled");
    expect(refundsOf(String(second.id))).toMatchObject([{ amount: 2900 }]);
    expect(await storedPlan(user.id)).toBe("elite");
    expect(await duplicateAudits(user.id)).toHaveLength(1);
  });

  it("subscriptions of different users are never duplicates of each other", async () => {
    const a = await makeTrader({ live: false });
    const b = await makeTrader({ live: false });
    for (const u of [a, b]) {
      const customer = await ensureStripeCustomer(u.id);
      const sub = fake.setSubscription(`sub_own_${u.id}`, { customer, price: "price_pro_test" });
      await deliverAndWait(fake, "customer.subscription.created", sub);
    }
    expect(fake.state.subscriptions.get(`sub_own_${a.id}`)?.status).toBe("active");
    expect(fake.state.subscriptions.get(`sub_own_${b.id}`)?.status).toBe("active");
    expect(await duplicateAudits(a.id)).toEqual([]);
    expect(await duplicateAudits(b.id)).toEqual([]);
  });
});
