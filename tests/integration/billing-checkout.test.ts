// Checkout and the Portal against the fake Stripe (issue 19, findings 2 and 4): one open Checkout Session per user
// (reused or expired), no new checkout while a paid one awaits its webhook, and Stripe errors mapped by kind
// through the real route handlers.
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { closeDb, db } from "@/db";
import { checkoutSessions, users } from "@/db/schema";
import { createCheckoutSession, ensureStripeCustomer } from "@/lib/billing/checkout";
import { closeRedis } from "@/lib/redis";
import { jsonRequest, signInAs } from "../helpers/as-user";
import { makeTrader } from "../helpers/billing";
import type { RouteHandler } from "@/lib/api/route";

vi.mock("@/lib/auth/session", async (importOriginal) =>
  (await import("../helpers/as-user")).sessionMock(importOriginal as never),
);

const fake = await vi.hoisted(() =>
  import("../helpers/stripe-env").then((m) => m.startStripeEnv("whsec_checkout_test")),
);

beforeEach(() => fake.failNext(0));
afterAll(async () => {
  await fake.close();
  await closeDb();
  await closeRedis();
});

const { POST: checkoutRoute } = await import("@/app/api/billing/checkout/route");
const { POST: portalRoute } = await import("@/app/api/billing/portal/route");

type Reply = { url?: string; error?: { code: string; message: string } };

async function call(route: RouteHandler, body?: unknown) {
  const res = await route(jsonRequest("/api/billing/x", "POST", body), {});
  return { status: res.status, headers: res.headers, body: (await res.json()) as Reply };
}

const sessionsAtStripe = (customer: string) =>
  [...fake.state.sessions.values()].filter((s) => s.customer === customer);

describe("one open Checkout Session per user", () => {
  it("reuses the open session for the same plan and expires it when another plan is chosen", async () => {
    const user = await makeTrader({ live: false });
    const first = await createCheckoutSession(user.id, "elite");
    expect(await createCheckoutSession(user.id, "elite")).toBe(first);
    const customer = await ensureStripeCustomer(user.id);
    expect(sessionsAtStripe(customer)).toHaveLength(1);

    const second = await createCheckoutSession(user.id, "pro");
    expect(second).not.toBe(first);
    const atStripe = sessionsAtStripe(customer);
    expect(atStripe.map((s) => s.status).sort()).toEqual(["expired", "open"]);
    expect(atStripe.find((s) => s.status === "open")?.url).toBe(second);
    // The first page can no longer be paid.
    expect(await (await fetch(first)).text()).toContain("Expired");
    expect(fake.state.subscriptions.size).toBe(0);
    const rows = await db.select().from(checkoutSessions).where(eq(checkoutSessions.userId, user.id));
    expect(rows.map((r) => `${r.plan}:${r.status}`).sort()).toEqual(["elite:expired", "pro:open"]);
  });

  it("two concurrent checkouts for different plans leave exactly one payable session", async () => {
    const user = await makeTrader({ live: false });
    const urls = await Promise.all([
      createCheckoutSession(user.id, "pro"),
      createCheckoutSession(user.id, "elite"),
    ]);
    const customer = await ensureStripeCustomer(user.id);
    const open = sessionsAtStripe(customer).filter((s) => s.status === "open");
    expect(open).toHaveLength(1);
    expect(urls).toContain(open[0]!.url);
    const mine = [...fake.state.customers.values()].filter(
      (c) => (c.metadata as Record<string, string>).userId === String(user.id),
    );
    expect(mine).toHaveLength(1);
  });

  it("a paid session whose webhook has not landed yet blocks a second checkout (never two payments)", async () => {
    const user = await makeTrader({ live: false });
    await signInAs(user.id);
    const first = await call(checkoutRoute, { plan: "elite" });
    expect(first.status).toBe(200);
    const session = [...fake.state.sessions.values()].find((s) => s.url === first.body.url)!;
    await fake.payCheckout(String(session.id)); // paid, but no webhook delivered
    const second = await call(checkoutRoute, { plan: "pro" });
    expect(second.status).toBe(409);
    expect(second.body.error?.message).toBe(
      "Your payment for the Elite plan went through and Stripe is confirming it. Your plan updates in a few seconds: there is no need to pay again.",
    );
    const customer = await ensureStripeCustomer(user.id);
    expect(sessionsAtStripe(customer)).toHaveLength(1);
    const [row] = await db.select().from(checkoutSessions).where(eq(checkoutSessions.userId, user.id));
    expect(row?.status).toBe("complete");
  });

  it("refuses a bad plan with 400 and creates nothing", async () => {
    const user = await makeTrader({ live: false });
    await signInAs(user.id);
    const before = fake.state.requests.length;
    for (const body of [{ plan: "free" }, { plan: "pro", extra: 1 }, "not json"]) {
      const res = await call(checkoutRoute, body);
      expect(res.status).toBe(400);
    }
    expect(fake.state.requests.length).toBe(before);
    expect(await db.select().from(checkoutSessions).where(eq(checkoutSessions.userId, user.id))).toEqual([]);
  });
});

describe("Stripe errors mapped by kind", () => {
  it("a customer deleted at Stripe is a 404 that says so, not 'Stripe is not reachable'", async () => {
    const user = await makeTrader({ live: false });
    await signInAs(user.id);
    const customer = await ensureStripeCustomer(user.id);
    fake.deleteCustomer(customer);
    const portal = await call(portalRoute);
    expect(portal).toMatchObject({
      status: 404,
      body: {
        error: {
          code: "not_found",
          message:
            "Stripe has no billing account for you any more (it may have been deleted). Please contact support so we can restore it.",
        },
      },
    });
    expect((await call(checkoutRoute, { plan: "pro" })).status).toBe(404);
    const [row] = await db.select({ c: users.stripeCustomerId }).from(users).where(eq(users.id, user.id));
    expect(row?.c).toBe(customer);
  });

  it("a rate limit is a 429 with Retry-After, an outage a 502, a dropped connection a 503, a refusal a 400", async () => {
    const user = await makeTrader({ live: false });
    await signInAs(user.id);
    await ensureStripeCustomer(user.id);
    const cases = [
      [
        "rate_limit",
        429,
        "Stripe is receiving too many requests right now. Please try again in a few seconds.",
      ],
      ["api_error", 502, "Stripe could not handle the request right now. Please try again in a minute."],
      ["connection", 503, "Stripe is not reachable right now. Please try again in a minute."],
      [
        "invalid_request",
        400,
        "Stripe refused the request (parameter_invalid_integer). Nothing was charged. Please contact support if this keeps happening.",
      ],
    ] as const;
    for (const [kind, status, message] of cases) {
      fake.failNext(10, kind);
      const res = await call(portalRoute);
      expect({ kind, status: res.status, message: res.body.error?.message }).toEqual({
        kind,
        status,
        message,
      });
      if (status === 429) expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
      if (status === 503) expect(res.headers.get("retry-after")).toBe("60");
      fake.failNext(0);
    }
    expect(fake.state.portalSessions.size).toBe(0);
    expect((await call(portalRoute)).status).toBe(200);
  });
});
