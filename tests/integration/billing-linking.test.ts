// Which Stripe objects may change a user (issue 19, finding 1): only a Checkout Session this installation created
// for that user links a customer; metadata and client_reference_id alone never link or grant anything.
import { describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/db";
import { checkoutSessions, subscriptions, users } from "@/db/schema";
import { createCheckoutSession, createPortalSession } from "@/lib/billing/checkout";
import { deliverAndWait, makeTrader, storedPlan, withBillingWorker } from "../helpers/billing";

const fake = await vi.hoisted(() =>
  import("../helpers/stripe-env").then((m) => m.startStripeEnv("whsec_link_test")),
);

withBillingWorker(fake);

const customerOf = async (userId: number) =>
  (await db.select({ c: users.stripeCustomerId }).from(users).where(eq(users.id, userId)))[0]?.c ?? null;
const subsOf = (userId: number) => db.select().from(subscriptions).where(eq(subscriptions.userId, userId));

describe("a subscription that is not ours", () => {
  it("with our metadata on another customer grants nothing, links nothing and opens no portal", async () => {
    const demo = await makeTrader({ plan: "free" });
    const foreign = fake.setSubscription(`sub_otherapp_${demo.id}`, {
      customer: "cus_otherapp_b",
      price: "price_elite_test",
      metadata: { userId: String(demo.id), plan: "elite" },
    });
    for (const type of ["customer.subscription.created", "invoice.paid"]) {
      const object =
        type === "invoice.paid"
          ? {
              id: "in_foreign",
              object: "invoice",
              parent: { subscription_details: { subscription: foreign.id } },
            }
          : foreign;
      expect(await deliverAndWait(fake, type, object)).toMatchObject({
        status: "ignored",
        error: "No user for Stripe customer cus_otherapp_b",
      });
    }
    expect(await storedPlan(demo.id)).toBe("free");
    expect(await customerOf(demo.id)).toBeNull();
    expect(await subsOf(demo.id)).toEqual([]);
    await expect(createPortalSession(demo.id)).rejects.toMatchObject({ status: 400 });
    expect(fake.state.portalSessions.size).toBe(0);
  });

  it("a completed Checkout Session we did not create links nobody, even naming the user", async () => {
    const demo = await makeTrader({ plan: "free" });
    const sub = fake.setSubscription(`sub_foreign_cs_${demo.id}`, {
      customer: `cus_foreign_${demo.id}`,
      price: "price_elite_test",
    });
    const session = {
      id: `cs_test_foreign_${demo.id}`,
      object: "checkout.session",
      mode: "subscription",
      status: "complete",
      customer: `cus_foreign_${demo.id}`,
      subscription: sub.id,
      client_reference_id: String(demo.id),
      metadata: { userId: String(demo.id), plan: "elite" },
    };
    fake.state.sessions.set(session.id, session);
    const done = await deliverAndWait(fake, "checkout.session.completed", session);
    expect(done.status).toBe("ignored");
    expect(done.error).toContain("not created by this installation");
    expect(await storedPlan(demo.id)).toBe("free");
    expect(await customerOf(demo.id)).toBeNull();
    expect(await subsOf(demo.id)).toEqual([]);
  });

  it("a session of ours completed on another customer's subscription is refused", async () => {
    const user = await makeTrader({ plan: "free", live: false });
    const url = await createCheckoutSession(user.id, "pro");
    const session = [...fake.state.sessions.values()].find((s) => url.endsWith(String(s.id)))!;
    // Someone swaps the session's customer (cannot happen through Stripe, but the link must not trust it).
    const sub = fake.setSubscription(`sub_swapped_${user.id}`, { customer: "cus_someone_else" });
    Object.assign(session, { status: "complete", customer: "cus_someone_else", subscription: sub.id });
    const done = await deliverAndWait(fake, "checkout.session.completed", { id: session.id });
    expect(done.status).toBe("ignored");
    expect(await storedPlan(user.id)).toBe("free");
    expect(await subsOf(user.id)).toEqual([]);
  });
});

describe("a Checkout Session this installation created", () => {
  it("is stored when created, matched on completion, and grants the plan to its user only", async () => {
    const a = await makeTrader({ plan: "free", live: false });
    const b = await makeTrader({ plan: "free", live: false });
    const url = await createCheckoutSession(a.id, "elite");
    const [row] = await db.select().from(checkoutSessions).where(eq(checkoutSessions.userId, a.id));
    expect(row).toMatchObject({ plan: "elite", status: "open", stripeCustomerId: await customerOf(a.id) });
    expect(url.endsWith(row!.stripeSessionId)).toBe(true);
    // The session names user B in its metadata: the stored row, not the metadata, decides.
    const session = fake.state.sessions.get(row!.stripeSessionId)!;
    Object.assign(session, { client_reference_id: String(b.id), metadata: { userId: String(b.id) } });
    await fake.payCheckout(row!.stripeSessionId);
    const done = await deliverAndWait(fake, "checkout.session.completed", { id: row!.stripeSessionId });
    expect(done.status).toBe("processed");
    expect(await storedPlan(a.id)).toBe("elite");
    expect(await storedPlan(b.id)).toBe("free");
    expect(await subsOf(b.id)).toEqual([]);
    const [after] = await db.select().from(checkoutSessions).where(eq(checkoutSessions.userId, a.id));
    expect(after?.status).toBe("complete");
    expect(after?.completedAt).toBeInstanceOf(Date);
  });
});
