// A local fake of the Stripe endpoints Tickpilot uses, driven by the real `stripe` client (host/port options).
// Form-encoded requests like Stripe's API, Stripe-shaped JSON responses and errors (404 resource_missing, 429
// rate limits, 500s, dropped connections), Idempotency-Key honoured, events kept for `GET /v1/events/:id`, and
// signed webhooks made with `stripe.webhooks.generateTestHeaderString`. Objects and endpoints: ./stripe-objects.ts,
// ./stripe-routes.ts.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import {
  billSubscription,
  newId,
  noSuch,
  now,
  stripeError,
  subscriptionObject,
  type FakeStripeState,
  type Obj,
  type Reply,
} from "./stripe-objects";
import { billingRoute, coreRoute } from "./stripe-routes";

export type { FakeStripeState } from "./stripe-objects";

/** How the next API requests fail: Stripe's 500, a 429 rate limit, a 400 invalid request, or a dropped socket. */
export type FailureKind = "api_error" | "rate_limit" | "invalid_request" | "connection";

export interface FakeStripe {
  url: string;
  state: FakeStripeState;
  close(): Promise<void>;
  /** Create or change a subscription (as Stripe would after a payment, cancellation, …). A new active or
   * trialing one is billed (paid invoice + payment intent) unless `paid: false`. */
  setSubscription(
    id: string,
    patch: {
      status?: string;
      price?: string;
      customer?: string;
      cancelAtPeriodEnd?: boolean;
      metadata?: Record<string, string>;
      created?: number;
      paid?: boolean;
    },
  ): Obj;
  /** Pay an open Checkout Session, as visiting its hosted page does; returns the new subscription. */
  payCheckout(sessionId: string): Promise<Obj>;
  /** Delete a customer (later requests naming it get Stripe's 404 "No such customer"). */
  deleteCustomer(id: string): void;
  /** Record an event (retrievable at /v1/events/:id) and return its signed delivery. */
  makeEvent(type: string, object: Obj, id?: string): { id: string; payload: string; signature: string };
  /** Make the next `n` API requests (only those to `route`, e.g. `POST /v1/refunds`, when given) fail; the
   * default kind is a 500 api_error, Stripe having a bad minute. */
  failNext(n: number, kind?: FailureKind, route?: string): void;
  /** Record an event and POST it, signed, to `webhookUrl`; resolves with the HTTP status. */
  sendEvent(type: string, object: Obj, id?: string): Promise<number>;
}

/** Parse Stripe's form encoding (`a[b][0][c]=v`) into nested objects/arrays. */
export function parseForm(body: string): Obj {
  const out: Obj = {};
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const parts = rawKey.split(/\[|\]\[|\]/).filter((p) => p !== "");
    let node: Obj = out;
    parts.forEach((part, i) => {
      if (i === parts.length - 1) node[part] = value;
      else node = (node[part] ??= {}) as Obj;
    });
  }
  return out;
}

const list = (v: unknown): Obj[] => (v && typeof v === "object" ? (Object.values(v) as Obj[]) : []);

const FAILURES: Record<Exclude<FailureKind, "connection">, Reply> = {
  api_error: { status: 500, body: { error: { type: "api_error", message: "Fake outage" } } },
  rate_limit: stripeError(429, "Request rate limit exceeded. Please retry after a short delay.", {
    code: "rate_limit",
  }),
  invalid_request: stripeError(400, "Invalid integer: abc", {
    code: "parameter_invalid_integer",
    param: "quantity",
  }),
};

/** Start the fake on 127.0.0.1:0. `webhookUrl`/`webhookSecret` make `/checkout/:id` deliver the webhook itself. */
export async function startFakeStripe(
  opts: { webhookSecret?: string; webhookUrl?: string } = {},
): Promise<FakeStripe> {
  const state: FakeStripeState = {
    customers: new Map(),
    sessions: new Map(),
    subscriptions: new Map(),
    invoices: new Map(),
    invoicePayments: new Map(),
    refunds: new Map(),
    portalSessions: new Map(),
    events: new Map(),
    requests: [],
  };
  const idempotent = new Map<string, Reply>();
  let failures = 0;
  let failureKind: FailureKind = "api_error";
  let failureRoute: string | null = null;
  let base = "";

  // Pay a session: a subscription (billed) with the session's subscription metadata, session complete.
  function pay(session: Obj): Obj {
    const price = String(list(session.line_items)[0]?.price ?? "");
    const sub = subscriptionObject(newId("sub"), String(session.customer), price, "active");
    sub.metadata = (session.subscription_data as Obj | undefined)?.metadata ?? {};
    state.subscriptions.set(String(sub.id), sub);
    billSubscription(state, sub);
    Object.assign(session, { status: "complete", payment_status: "paid", subscription: sub.id, url: null });
    return sub;
  }

  const fake: FakeStripe = {
    url: "",
    state,
    close: () => new Promise((resolve) => server.close(() => resolve())),
    failNext(n, kind = "api_error", route) {
      failures = n;
      failureKind = kind;
      failureRoute = route ?? null;
    },
    setSubscription(id, patch) {
      const existing = state.subscriptions.get(id);
      const sub =
        existing ??
        subscriptionObject(id, patch.customer ?? newId("cus"), patch.price ?? "price_pro", "active");
      if (patch.status) sub.status = patch.status;
      if (patch.customer) sub.customer = patch.customer;
      if (patch.price) ((sub.items as { data: Obj[] }).data[0]!.price as Obj).id = patch.price;
      if (patch.cancelAtPeriodEnd !== undefined) sub.cancel_at_period_end = patch.cancelAtPeriodEnd;
      if (patch.metadata) sub.metadata = patch.metadata;
      if (patch.created !== undefined) sub.created = patch.created;
      if (patch.status === "canceled") sub.canceled_at = sub.ended_at = now();
      state.subscriptions.set(id, sub);
      if (!existing && patch.paid !== false && (sub.status === "active" || sub.status === "trialing"))
        billSubscription(state, sub);
      return sub;
    },
    async payCheckout(sessionId) {
      const session = state.sessions.get(sessionId);
      if (!session || session.status !== "open") throw new Error(`fake stripe: ${sessionId} is not open`);
      const sub = pay(session);
      if (opts.webhookUrl) {
        await fake.sendEvent("checkout.session.completed", { ...session });
        await fake.sendEvent("customer.subscription.created", { ...sub });
      }
      return sub;
    },
    deleteCustomer(id) {
      state.customers.delete(id);
    },
    makeEvent(type, object, id = newId("evt")) {
      const event = {
        id,
        object: "event",
        type,
        api_version: Stripe.API_VERSION,
        created: now(),
        livemode: false,
        data: { object },
      };
      state.events.set(id, event);
      const payload = JSON.stringify(event);
      const signature = Stripe.webhooks.generateTestHeaderString({
        payload,
        secret: opts.webhookSecret ?? "whsec_fake",
      });
      return { id, payload, signature };
    },
    async sendEvent(type, object, id) {
      if (!opts.webhookUrl) throw new Error("fake stripe: no webhookUrl");
      const { payload, signature } = fake.makeEvent(type, object, id);
      const res = await fetch(opts.webhookUrl, {
        method: "POST",
        headers: { "content-type": "application/json", "stripe-signature": signature },
        body: payload,
      });
      return res.status;
    },
  };

  type Out = Reply | { html: string; redirect?: string } | { drop: true };

  async function handle(req: IncomingMessage, body: string): Promise<Out> {
    const url = new URL(req.url ?? "/", base);
    const route = `${req.method} ${url.pathname}`;
    if (url.pathname.startsWith("/checkout/")) {
      // The hosted checkout page: visiting it "pays" and completes the session (an expired one cannot be paid).
      const session = state.sessions.get(url.pathname.split("/")[2]!);
      if (!session) return noSuch("checkout session", url.pathname.split("/")[2]);
      if (session.status === "expired") return { html: "<h1>Fake Stripe Checkout</h1><p>Expired.</p>" };
      if (session.status === "open") await fake.payCheckout(String(session.id));
      return { html: "<h1>Fake Stripe Checkout</h1><p>Paid.</p>", redirect: String(session.success_url) };
    }
    if (url.pathname.startsWith("/portal/")) {
      return { html: "<h1>Fake Stripe Customer Portal</h1>" };
    }
    state.requests.push(route);
    if (!String(req.headers.authorization ?? "").startsWith("Bearer sk_")) {
      return stripeError(401, "Invalid API Key provided");
    }
    if (failures > 0 && (failureRoute === null || failureRoute === route)) {
      failures--;
      return failureKind === "connection" ? { drop: true } : FAILURES[failureKind];
    }
    const key = req.headers["idempotency-key"];
    const idemKey = req.method === "POST" && typeof key === "string" ? `${url.pathname}|${key}` : null;
    if (idemKey && idempotent.has(idemKey)) return idempotent.get(idemKey)!;
    const params = parseForm(body);
    const method = req.method ?? "GET";
    const result =
      billingRoute(state, method, url.pathname, params, url.searchParams) ??
      coreRoute(state, base, method, url.pathname, params);
    if (idemKey) idempotent.set(idemKey, result);
    return result;
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      handle(req, body)
        .then((out) => {
          if ("drop" in out) return void req.socket.destroy();
          if ("html" in out) {
            if (out.redirect) res.writeHead(303, { location: out.redirect }).end();
            else res.writeHead(200, { "content-type": "text/html" }).end(out.html);
            return;
          }
          res.writeHead(out.status, { "content-type": "application/json", "request-id": newId("req") });
          res.end(JSON.stringify(out.body));
        })
        .catch((err: unknown) => res.writeHead(500).end(String(err)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.url = base;
  return fake;
}
