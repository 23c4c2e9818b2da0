// Stripe-shaped objects of the local fake Stripe: its stores, ids, error replies, and subscriptions with a paid
// invoice, its invoice payment and payment intent.
import { randomBytes } from "node:crypto";

export type Obj = Record<string, unknown>;
export type Reply = { status: number; body: Obj };

/** The fake's stores, one Map per Stripe resource. */
export interface FakeStripeState {
  customers: Map<string, Obj>;
  sessions: Map<string, Obj>;
  subscriptions: Map<string, Obj>;
  invoices: Map<string, Obj>;
  invoicePayments: Map<string, Obj>;
  refunds: Map<string, Obj>;
  portalSessions: Map<string, Obj>;
  events: Map<string, Obj>;
  /** Every API request seen, e.g. `POST /v1/customers`. */
  requests: string[];
}

export const newId = (prefix: string) => `${prefix}_${randomBytes(9).toString("hex")}`;
export const now = () => Math.floor(Date.now() / 1000);

/** What a price id charges per month in cents: names containing "elite" 9,900, "pro" 2,900, others 1,000. */
export const priceAmount = (price: string) => (/elite/.test(price) ? 9900 : /pro/.test(price) ? 2900 : 1000);

/** A Stripe error reply: `{ error: { type, code, message, param } }` with the HTTP status. */
export function stripeError(status: number, message: string, extra: Obj = {}): Reply {
  return { status, body: { error: { type: "invalid_request_error", message, ...extra } } };
}

/** Stripe's 404 for a missing object, e.g. `No such customer: 'cus_x'` (code resource_missing). */
export function noSuch(what: string, id: string | undefined, param = what): Reply {
  return stripeError(404, `No such ${what}: '${id ?? ""}'`, { code: "resource_missing", param });
}

/** A subscription object as the API returns it (one item, period of 30 days from now). */
export function subscriptionObject(id: string, customer: string, price: string, status: string): Obj {
  const start = now();
  return {
    id,
    object: "subscription",
    customer,
    status,
    created: start,
    currency: "usd",
    cancel_at_period_end: false,
    cancel_at: null,
    canceled_at: null,
    ended_at: null,
    latest_invoice: null,
    metadata: {},
    items: {
      object: "list",
      data: [
        {
          id: newId("si"),
          object: "subscription_item",
          price: { id: price, object: "price" },
          current_period_start: start,
          current_period_end: start + 30 * 86400,
        },
      ],
    },
  };
}

/** Charge a subscription's first period: a paid invoice with its default invoice payment (a payment intent). */
export function billSubscription(state: FakeStripeState, sub: Obj): Obj {
  const price = String(((sub.items as { data: Obj[] }).data[0]!.price as Obj).id);
  const amount = priceAmount(price);
  const invoice: Obj = {
    id: newId("in"),
    object: "invoice",
    customer: sub.customer,
    status: "paid",
    created: now(),
    amount_paid: amount,
    currency: "usd",
    parent: { type: "subscription_details", subscription_details: { subscription: sub.id } },
  };
  state.invoices.set(String(invoice.id), invoice);
  const payment: Obj = {
    id: newId("inpay"),
    object: "invoice_payment",
    invoice: invoice.id,
    status: "paid",
    is_default: true,
    amount_paid: amount,
    currency: "usd",
    payment: { type: "payment_intent", payment_intent: newId("pi") },
  };
  state.invoicePayments.set(String(payment.id), payment);
  sub.latest_invoice = invoice.id;
  return invoice;
}
