// The endpoints of the local fake Stripe: customers, Checkout Sessions (with expiry), portal sessions, events,
// subscriptions (retrieve, cancel), invoice and invoice-payment lists, and refunds. Stripe-shaped replies.
import {
  newId,
  noSuch,
  now,
  stripeError,
  type FakeStripeState,
  type Obj,
  type Reply,
} from "./stripe-objects";

const list = (url: string, data: Obj[]): Reply => ({
  status: 200,
  body: { object: "list", url, has_more: false, data },
});

/** Customers, Checkout Sessions (create, retrieve, expire), portal sessions and events; `base` builds page URLs. */
export function coreRoute(state: FakeStripeState, base: string, method: string, path: string, p: Obj): Reply {
  const [, , resource, id, sub, action] = path.split("/");
  if (resource === "customers") {
    if (method === "POST" && !id) {
      const c = {
        id: newId("cus"),
        object: "customer",
        email: p.email ?? null,
        metadata: p.metadata ?? {},
      };
      state.customers.set(c.id, c);
      return { status: 200, body: c };
    }
    if (method === "DELETE" && id) {
      if (!state.customers.delete(id)) return noSuch("customer", id, "id");
      return { status: 200, body: { id, object: "customer", deleted: true } };
    }
  }
  if (resource === "checkout" && id === "sessions") {
    if (method === "POST" && !sub) {
      if (!p.customer || !state.customers.has(String(p.customer)))
        return noSuch("customer", p.customer as string | undefined);
      const created = now();
      const s: Obj = {
        ...p,
        id: newId("cs_test"),
        object: "checkout.session",
        status: "open",
        payment_status: "unpaid",
        subscription: null,
        created,
        expires_at: created + 86400,
      };
      s.url = `${base}/checkout/${String(s.id)}`;
      state.sessions.set(String(s.id), s);
      return { status: 200, body: s };
    }
    const s = sub ? state.sessions.get(sub) : undefined;
    if (!s) return noSuch("checkout.session", sub, "session");
    if (method === "POST" && action === "expire") {
      if (s.status !== "open")
        return stripeError(
          400,
          `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${String(s.status)}".`,
        );
      Object.assign(s, { status: "expired", url: null });
    }
    return { status: 200, body: s };
  }
  if (method === "POST" && resource === "billing_portal" && id === "sessions") {
    if (!p.customer || !state.customers.has(String(p.customer)))
      return noSuch("customer", p.customer as string | undefined);
    const ps = {
      id: newId("bps"),
      object: "billing_portal.session",
      customer: p.customer,
      return_url: p.return_url,
      url: "",
    };
    ps.url = `${base}/portal/${ps.id}`;
    state.portalSessions.set(ps.id, ps);
    return { status: 200, body: ps };
  }
  if (method === "GET" && resource === "events" && id) {
    const e = state.events.get(id);
    return e ? { status: 200, body: e } : noSuch("event", id, "id");
  }
  return stripeError(404, `Unrecognized request URL (${method}: ${path})`);
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
