import "server-only";
// The Checkout Sessions this installation created. At most one is open per user: a new checkout reuses it (same
// plan) or expires it at Stripe first, and one that was already paid blocks a second payment. On completion, the
// stored row (never metadata) says which user a session belongs to.
import { and, eq } from "drizzle-orm";
import type Stripe from "stripe";
import { db, type Db } from "@/db";
import { checkoutSessions, type CheckoutSession } from "@/db/schema";
import { AppError } from "@/lib/api/errors";
import { getPlan, type PlanId } from "@/lib/billing/plans";
import { stripe } from "@/lib/billing/stripe";
import { callStripe } from "@/lib/billing/stripe-errors";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** A session is handed out again only while it has at least this long left (else a fresh one is made). */
const REUSE_MARGIN_MS = 30 * 60_000;

const setStatus = (tx: Tx, row: CheckoutSession, status: "complete" | "expired") =>
  tx
    .update(checkoutSessions)
    .set(status === "complete" ? { status, completedAt: new Date(), url: null } : { status, url: null })
    .where(eq(checkoutSessions.id, row.id));

/** The 409 for a checkout started while an earlier one of `plan` was paid but its webhook not processed yet. */
export function paidConflict(plan: string): AppError {
  return new AppError(
    "conflict",
    `Your payment for the ${getPlan(plan).name} plan went through and Stripe is confirming it. Your plan updates in a few seconds: there is no need to pay again.`,
  );
}

/**
 * Settle the user's open sessions before a new checkout for `plan` (call with the user row locked in `tx`):
 * `reuse` is the URL of an open session for the same plan, else every open one is expired; `paid` is the plan of
 * one that was paid meanwhile (its webhook not processed yet), which must stop the new checkout.
 */
export async function settleOpenSessions(
  tx: Tx,
  userId: number,
  plan: PlanId,
): Promise<{ reuse: string | null; paid: PlanId | null }> {
  const open = await tx
    .select()
    .from(checkoutSessions)
    .where(and(eq(checkoutSessions.userId, userId), eq(checkoutSessions.status, "open")));
  let reuse: string | null = null;
  for (const row of open) {
    let session: Stripe.Checkout.Session = await callStripe(() =>
      stripe().checkout.sessions.retrieve(row.stripeSessionId),
    );
    const fresh = (session.expires_at ?? 0) * 1000 > Date.now() + REUSE_MARGIN_MS;
    if (session.status === "open" && row.plan === plan && fresh && session.url && reuse === null) {
      reuse = session.url;
      continue;
    }
    if (session.status === "open") {
      // Stripe refuses to expire a session that completed in between: read it again to tell the user why.
      session = await callStripe(() => stripe().checkout.sessions.expire(row.stripeSessionId)).catch(
        async (err: unknown) => {
          const again = await callStripe(() => stripe().checkout.sessions.retrieve(row.stripeSessionId));
          if (again.status === "open") throw err;
          return again;
        },
      );
    }
    if (session.status === "complete") {
      await setStatus(tx, row, "complete");
      return { reuse: null, paid: row.plan };
    }
    await setStatus(tx, row, "expired");
  }
  return { reuse, paid: null };
}

/** Store a session just created at Stripe for `userId`. */
export async function recordCheckoutSession(
  tx: Tx,
  userId: number,
  plan: PlanId,
  session: Stripe.Checkout.Session,
): Promise<void> {
  await tx.insert(checkoutSessions).values({
    userId,
    plan,
    stripeSessionId: session.id,
    stripeCustomerId: typeof session.customer === "string" ? session.customer : (session.customer?.id ?? ""),
    status: "open",
    url: session.url,
    expiresAt: session.expires_at ? new Date(session.expires_at * 1000) : null,
  });
}

/** Our row for a Stripe Checkout Session, or undefined when this installation did not create it. */
export async function findCheckoutSession(stripeSessionId: string): Promise<CheckoutSession | undefined> {
  const [row] = await db
    .select()
    .from(checkoutSessions)
    .where(eq(checkoutSessions.stripeSessionId, stripeSessionId))
    .limit(1);
  return row;
}

/** Mark a session complete (idempotent). */
export async function markCheckoutComplete(row: CheckoutSession): Promise<void> {
  if (row.status === "complete") return;
  await db
    .update(checkoutSessions)
    .set({ status: "complete", completedAt: new Date(), url: null })
    .where(eq(checkoutSessions.id, row.id));
}
