// Stripe-shaped objects and the billing endpoints of the local fake Stripe: subscriptions (with a paid invoice,
// its invoice payment and payment intent), cancellation, invoice and invoice-payment lists, and refunds.
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

const list = (url: string, data: Obj[]): Reply => ({
  status: 200,
  body: { object: "list", url, has_more: false, data },
});

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

const subscriptionOfInvoice = (inv: Obj) =>
  ((inv.parent as Obj | null)?.subscription_details as Obj | undefined)?.subscription;

/** Billing routes (subscriptions, invoices, invoice payments, refunds); null when the route is not one of them. */
export function billingRoute(
  state: FakeStripeState,
  method: string,
  path: string,
  p: Obj,
  q: URLSearchParams,
): Reply | null {
  const [, , resource, id] = path.split("/");
  if (resource === "subscriptions" && id) {
    const sub = state.subscriptions.get(id);
    if (!sub) return noSuch("subscription", id, "id");
    if (method === "GET") return { status: 200, body: sub };
    if (method === "DELETE") {
      if (sub.status === "canceled")
        return stripeError(400, `The subscription ${id} has already been canceled.`);
      Object.assign(sub, {
        status: "canceled",
        canceled_at: now(),
        ended_at: now(),
        cancellation_details: p.cancellation_details ?? null,
      });
      return { status: 200, body: sub };
    }
  }
  if (method === "GET" && resource === "invoices" && !id) {
    const rows = [...state.invoices.values()].filter(
      (inv) =>
        (!q.get("subscription") || subscriptionOfInvoice(inv) === q.get("subscription")) &&
        (!q.get("status") || inv.status === q.get("status")),
    );
    return list("/v1/invoices", rows);
  }
  if (method === "GET" && resource === "invoice_payments" && !id) {
    const rows = [...state.invoicePayments.values()].filter(
      (ip) =>
        (!q.get("invoice") || ip.invoice === q.get("invoice")) &&
        (!q.get("status") || ip.status === q.get("status")),
    );
    return list("/v1/invoice_payments", rows);
  }
  if (method === "POST" && resource === "refunds" && !id) {
    const pi = String(p.payment_intent ?? "");
    const paid = [...state.invoicePayments.values()].find(
      (ip) => (ip.payment as Obj).payment_intent === pi && ip.status === "paid",
    );
    if (!paid) return noSuch("payment_intent", pi, "payment_intent");
    const refunded = [...state.refunds.values()]
      .filter((r) => r.payment_intent === pi)
      .reduce((sum, r) => sum + Number(r.amount), 0);
    const remaining = Number(paid.amount_paid) - refunded;
    if (remaining <= 0)
      return stripeError(400, `Charge for ${pi} has already been refunded.`, {
        code: "charge_already_refunded",
      });
    const refund: Obj = {
      id: newId("re"),
      object: "refund",
      amount: p.amount ? Number(p.amount) : remaining,
      currency: paid.currency,
      payment_intent: pi,
      reason: p.reason ?? null,
      metadata: p.metadata ?? {},
      status: "succeeded",
    };
    state.refunds.set(String(refund.id), refund);
    return { status: 200, body: refund };
  }
  return null;
}
