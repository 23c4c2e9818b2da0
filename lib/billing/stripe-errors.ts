import "server-only";
// Stripe errors mapped by kind to a status and a message people can act on: not found, invalid request, rate
// limit, connection, Stripe's own failures, our misconfiguration. Only Stripe's error type, code and request id are
// logged; Stripe's message (which can name ids and parameters) never reaches the browser.
import Stripe from "stripe";
import { AppError } from "@/lib/api/errors";
import { getLogger } from "@/lib/log";

const log = getLogger("billing");

// What a missing object means for the user, by the parameter or object Stripe names.
function notFoundMessage(err: Stripe.errors.StripeError): string {
  const what = `${err.param ?? ""} ${err.message ?? ""}`.toLowerCase();
  if (what.includes("customer"))
    return "Stripe has no billing account for you any more (it may have been deleted). Please contact support so we can restore it.";
  if (what.includes("price"))
    return "This plan cannot be bought right now: its price is missing at Stripe. Please contact support.";
  if (what.includes("session"))
    return "This checkout has ended at Stripe. Please start again from the billing page.";
  if (what.includes("subscription"))
    return "Stripe has no record of this subscription any more. Please contact support.";
  return "Stripe could not find what this request refers to. Please contact support.";
}

/** The AppError a failed Stripe call becomes; anything that is not a Stripe error is returned unchanged. */
export function stripeErrorToAppError(err: unknown): unknown {
  if (!(err instanceof Stripe.errors.StripeError)) return err;
  const meta = { type: err.type, code: err.code, status: err.statusCode, requestId: err.requestId };
  if (err instanceof Stripe.errors.StripeRateLimitError) {
    log.warn(meta, "stripe rate limit");
    return new AppError(
      "rate_limited",
      "Stripe is receiving too many requests right now. Please try again in a few seconds.",
      { retryAfter: 10 },
    );
  }
  if (err instanceof Stripe.errors.StripeConnectionError) {
    log.warn(meta, "stripe not reachable");
    return new AppError("unavailable", "Stripe is not reachable right now. Please try again in a minute.", {
      retryAfter: 60,
    });
  }
  if (err instanceof Stripe.errors.StripeIdempotencyError) {
    log.warn(meta, "stripe idempotency conflict");
    return new AppError(
      "conflict",
      "This request is already being handled. Please wait a moment and try again.",
    );
  }
  if (err instanceof Stripe.errors.StripeInvalidRequestError) {
    if (err.statusCode === 404 || err.code === "resource_missing") {
      log.warn(meta, "stripe object not found");
      return new AppError("not_found", notFoundMessage(err));
    }
    log.error(meta, "stripe refused a request");
    return new AppError(
      "bad_request",
      `Stripe refused the request (${err.code ?? "invalid request"}). Nothing was charged. Please contact support if this keeps happening.`,
    );
  }
  if (
    err instanceof Stripe.errors.StripeAuthenticationError ||
    err instanceof Stripe.errors.StripePermissionError
  ) {
    log.error(meta, "stripe rejected our API key: check STRIPE_SECRET_KEY");
    return new AppError("unavailable", "Billing is temporarily unavailable. Please try again later.");
  }
  log.warn(meta, "stripe request failed");
  return new AppError(
    "bad_gateway",
    "Stripe could not handle the request right now. Please try again in a minute.",
  );
}

/** Run a Stripe call for a request handler: Stripe errors become AppErrors with the right status. */
export async function callStripe<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw stripeErrorToAppError(err);
  }
}

/** True for Stripe errors a later retry cannot fix (a refused or missing object): the job should stop. A rejected
 * API key is not one of them: it is retried until the operator fixes the key. */
export function isPermanentStripeError(err: unknown): boolean {
  return err instanceof Stripe.errors.StripeInvalidRequestError;
}
