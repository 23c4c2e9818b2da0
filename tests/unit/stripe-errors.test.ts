// Stripe errors by kind → status and message (issue 19, finding 4), built from the real stripe-node error classes
// the client raises, and which of them stop a billing job instead of retrying it.
import { describe, expect, it } from "vitest";
import Stripe from "stripe";
import { AppError } from "@/lib/api/errors";
import { isPermanentStripeError, stripeErrorToAppError } from "@/lib/billing/stripe-errors";

const raw = (statusCode: number, extra: Record<string, unknown> = {}) =>
  Stripe.errors.StripeError.generate({
    statusCode,
    message: "x",
    type: "invalid_request_error",
    ...extra,
  } as never);

const mapped = (err: unknown) => {
  const out = stripeErrorToAppError(err);
  expect(out).toBeInstanceOf(AppError);
  const e = out as AppError;
  return { status: e.status, message: e.message, retryAfter: e.extra.retryAfter };
};

describe("stripeErrorToAppError", () => {
  it("maps not found by what is missing", () => {
    const customer = raw(404, {
      code: "resource_missing",
      param: "customer",
      message: "No such customer: 'cus_1'",
    });
    expect(mapped(customer)).toMatchObject({
      status: 404,
      message: expect.stringMatching(/no billing account/),
    });
    const price = raw(404, {
      code: "resource_missing",
      param: "line_items[0][price]",
      message: "No such price",
    });
    expect(mapped(price)).toMatchObject({ status: 404, message: expect.stringMatching(/price is missing/) });
  });

  it("maps invalid requests, rate limits, connection failures, outages and our own bad key", () => {
    expect(mapped(raw(400, { code: "parameter_missing" }))).toMatchObject({
      status: 400,
      message: expect.stringContaining("(parameter_missing)"),
    });
    expect(mapped(raw(429, { code: "rate_limit" }))).toMatchObject({ status: 429, retryAfter: 10 });
    expect(mapped(new Stripe.errors.StripeConnectionError({ message: "ECONNREFUSED" }))).toMatchObject({
      status: 503,
      retryAfter: 60,
    });
    expect(mapped(raw(500, { type: "api_error" }))).toMatchObject({ status: 502 });
    const badKey = mapped(raw(401, { message: "Invalid API Key provided: sk_test_****1234" }));
    expect(badKey).toMatchObject({ status: 503 });
    expect(badKey.message).not.toContain("sk_");
    expect(mapped(raw(400, { type: "idempotency_error" }))).toMatchObject({ status: 409 });
  });

  it("never echoes Stripe's own message to the browser", () => {
    const err = raw(400, { code: "parameter_invalid_integer", message: "Invalid integer: cus_secretish" });
    expect(mapped(err).message).not.toContain("cus_secretish");
  });

  it("leaves other errors alone", () => {
    const other = new Error("boom");
    expect(stripeErrorToAppError(other)).toBe(other);
  });

  it("stops a billing job only for refused requests, not outages or a key being fixed", () => {
    expect(isPermanentStripeError(raw(404, { code: "resource_missing" }))).toBe(true);
    expect(isPermanentStripeError(raw(400))).toBe(true);
    expect(isPermanentStripeError(raw(429))).toBe(false);
    expect(isPermanentStripeError(raw(500))).toBe(false);
    expect(isPermanentStripeError(raw(401))).toBe(false);
    expect(isPermanentStripeError(new Error("x"))).toBe(false);
  });
});
