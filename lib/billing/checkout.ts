import "server-only";
// Stripe Checkout (subscription mode) and the Customer Portal, with one Stripe customer per user, made once.
import { and, eq, inArray, isNull } from "drizzle-orm";
import Stripe from "stripe";
import { db } from "@/db";
import { subscriptions, users } from "@/db/schema";
import { AppError } from "@/lib/api/errors";
import { billingEnabled } from "@/lib/billing/config";
import { getPlan, type PlanId } from "@/lib/billing/plans";
import { priceIdFor, stripe } from "@/lib/billing/stripe";
import { env } from "@/lib/env";
import { getLogger } from "@/lib/log";

const log = getLogger("billing");

/** Stripe being down or refusing is a 502 with a message people can act on, not a generic 500. */
async function callStripe<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof Stripe.errors.StripeError) {
      log.warn({ type: err.type, code: err.code, status: err.statusCode }, "stripe request failed");
      throw new AppError("bad_gateway", "Stripe is not reachable right now. Please try again in a minute.");
    }
    throw err;
  }
}

function requireBilling(): void {
  if (!billingEnabled()) {
    throw new AppError("conflict", "Billing is off on this installation: every feature is already on");
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

/** A Checkout session for `plan`; returns Stripe's hosted page URL. Access is granted later, by webhook. */
export async function createCheckoutSession(userId: number, plan: PlanId): Promise<string> {
  requireBilling();
  const price = priceIdFor(plan);
  if (!price) throw new AppError("conflict", `The ${getPlan(plan).name} plan has no Stripe price configured`);
  const [live] = await db
    .select({ id: subscriptions.id })
    .from(subscriptions)
    .where(
      and(
        eq(subscriptions.userId, userId),
        inArray(subscriptions.status, ["active", "trialing", "past_due"]),
      ),
    )
    .limit(1);
  if (live) {
    throw new AppError(
      "conflict",
      "You already have a subscription: use Manage billing to change or cancel it",
    );
  }
  const customer = await ensureStripeCustomer(userId);
  const session = await callStripe(() =>
    stripe().checkout.sessions.create({
      mode: "subscription",
      customer,
      line_items: [{ price, quantity: 1 }],
      client_reference_id: String(userId),
      metadata: { userId: String(userId), plan },
      subscription_data: { metadata: { userId: String(userId), plan } },
      success_url: `${env.APP_URL}/billing?checkout=success`,
      cancel_url: `${env.APP_URL}/billing?checkout=cancelled`,
    }),
  );
  if (!session.url)
    throw new AppError("bad_gateway", "Stripe did not return a checkout page. Please try again.");
  return session.url;
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
