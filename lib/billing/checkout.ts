import "server-only";
// Stripe Checkout (subscription mode) and the Customer Portal, with one Stripe customer per user, made once, and
// at most one open Checkout Session per user (lib/billing/checkout-sessions.ts).
import { and, eq, inArray, isNull } from "drizzle-orm";
import { db } from "@/db";
import { subscriptions, users } from "@/db/schema";
import { AppError } from "@/lib/api/errors";
import { paidConflict, recordCheckoutSession, settleOpenSessions } from "@/lib/billing/checkout-sessions";
import { billingEnabled } from "@/lib/billing/config";
import { getPlan, type PlanId } from "@/lib/billing/plans";
import { PLAN_KEEPING_STATUSES } from "@/lib/billing/status";
import { priceIdFor, stripe } from "@/lib/billing/stripe";
import { callStripe } from "@/lib/billing/stripe-errors";
import { env } from "@/lib/env";

function requireBilling(): void {
  if (!billingEnabled()) {
    throw new AppError("conflict", "Nothing to buy: this installation has every feature unlocked");
  }
}

/** The user's Stripe customer id, creating the customer once even under concurrent requests. */
export async function ensureStripeCustomer(userId: number): Promise<string> {
  return db.transaction(async (tx) => {
    // The row lock makes a second concurrent request wait here, then see the stored id.
    const [user] = await tx
      .select({ email: users.email, name: users.name, customer: users.stripeCustomerId })
      .from(users)
      .where(eq(users.id, userId))
      .for("update");
    if (!user) throw new AppError("not_found", "Not found");
    if (user.customer) return user.customer;
    const customer = await callStripe(() =>
      stripe().customers.create(
        { email: user.email, name: user.name ?? undefined, metadata: { userId: String(userId) } },
        { idempotencyKey: `tickpilot-customer-${userId}` },
      ),
    );
    await tx
      .update(users)
      .set({ stripeCustomerId: customer.id })
      .where(and(eq(users.id, userId), isNull(users.stripeCustomerId)));
    const [stored] = await tx
      .select({ customer: users.stripeCustomerId })
      .from(users)
      .where(eq(users.id, userId));
    return stored!.customer!;
  });
}

/**
 * A Checkout session for `plan`; returns Stripe's hosted page URL. Access is granted later, by webhook. The user's
 * open session is reused for the same plan or expired first, so only one can ever be paid.
 */
export async function createCheckoutSession(userId: number, plan: PlanId): Promise<string> {
  requireBilling();
  const price = priceIdFor(plan);
  if (!price) throw new AppError("conflict", `The ${getPlan(plan).name} plan has no Stripe price configured`);
  const customer = await ensureStripeCustomer(userId);
  const result = await db.transaction(async (tx): Promise<{ url: string } | { paid: PlanId }> => {
    // One checkout at a time per user: a concurrent request waits here and then sees this one's session.
    await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for("update");
    const [live] = await tx
      .select({ id: subscriptions.id })
      .from(subscriptions)
      .where(and(eq(subscriptions.userId, userId), inArray(subscriptions.status, PLAN_KEEPING_STATUSES)))
      .limit(1);
    if (live) {
      throw new AppError(
        "conflict",
        "You already have a subscription: use Manage billing to change or cancel it",
      );
    }
    const open = await settleOpenSessions(tx, userId, plan);
    // A paid session is recorded as complete (committed) before the 409 goes out.
    if (open.paid) return { paid: open.paid };
    if (open.reuse) return { url: open.reuse };
    const session = await callStripe(() =>
      stripe().checkout.sessions.create({
        mode: "subscription",
        customer,
        line_items: [{ price, quantity: 1 }],
        client_reference_id: String(userId),
        // For people reading the Stripe dashboard; never trusted to link anything.
        metadata: { userId: String(userId), plan },
        subscription_data: { metadata: { userId: String(userId), plan } },
        success_url: `${env.APP_URL}/billing?checkout=success`,
        cancel_url: `${env.APP_URL}/billing?checkout=cancelled`,
      }),
    );
    if (!session.url)
      throw new AppError("bad_gateway", "Stripe did not return a checkout page. Please try again.");
    await recordCheckoutSession(tx, userId, plan, session);
    return { url: session.url };
  });
  if ("paid" in result) throw paidConflict(result.paid);
  return result.url;
}

/** A Customer Portal session (payment method, invoices, cancel); returns its URL. */
export async function createPortalSession(userId: number): Promise<string> {
  requireBilling();
  const [user] = await db
    .select({ customer: users.stripeCustomerId })
    .from(users)
    .where(eq(users.id, userId));
  if (!user?.customer) {
    throw new AppError("bad_request", "You have no billing account yet: choose a plan to subscribe first");
  }
  const session = await callStripe(() =>
    stripe().billingPortal.sessions.create({
      customer: user.customer!,
      return_url: `${env.APP_URL}/billing`,
    }),
  );
  return session.url;
}
