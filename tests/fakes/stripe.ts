// A local fake of the Stripe endpoints Tickpilot uses, driven by the real `stripe` client (host/port options).
// Form-encoded requests like Stripe's API, Stripe-shaped JSON responses, Idempotency-Key honoured, events kept
// for `GET /v1/events/:id`, and signed webhooks made with `stripe.webhooks.generateTestHeaderString`.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";

type Obj = Record<string, unknown>;

export interface FakeStripeState {
  customers: Map<string, Obj>;
  sessions: Map<string, Obj>;
  subscriptions: Map<string, Obj>;
  portalSessions: Map<string, Obj>;
  events: Map<string, Obj>;
  /** Every API request seen, e.g. `POST /v1/customers`. */
  requests: string[];
}

export interface FakeStripe {
  url: string;
  state: FakeStripeState;
  close(): Promise<void>;
  /** Create or change a subscription (as Stripe would after a payment, cancellation, …). */
  setSubscription(
    id: string,
    patch: { status?: string; price?: string; customer?: string; cancelAtPeriodEnd?: boolean },
  ): Obj;
  /** Record an event (retrievable at /v1/events/:id) and return its signed delivery. */
  makeEvent(type: string, object: Obj, id?: string): { id: string; payload: string; signature: string };
  /** Make the next `n` API requests fail with a 500 api_error (Stripe having a bad minute). */
  failNext(n: number): void;
  /** Record an event and POST it, signed, to `webhookUrl`; resolves with the HTTP status. */
  sendEvent(type: string, object: Obj, id?: string): Promise<number>;
}

const newId = (prefix: string) => `${prefix}_${randomBytes(9).toString("hex")}`;
const now = () => Math.floor(Date.now() / 1000);

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

/** Start the fake on 127.0.0.1:0. `webhookUrl`/`webhookSecret` make `/checkout/:id` deliver the webhook itself. */
export async function startFakeStripe(
  opts: { webhookSecret?: string; webhookUrl?: string } = {},
): Promise<FakeStripe> {
  const state: FakeStripeState = {
    customers: new Map(),
    sessions: new Map(),
    subscriptions: new Map(),
    portalSessions: new Map(),
    events: new Map(),
    requests: [],
  };
  const idempotent = new Map<string, { status: number; body: Obj }>();
  let failures = 0;
  let base = "";

  function subscriptionObject(id: string, customer: string, price: string, status: string): Obj {
    const start = now();
    return {
      id,
      object: "subscription",
      customer,
      status,
      cancel_at_period_end: false,
      cancel_at: null,
      canceled_at: null,
      ended_at: null,
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

  const fake: FakeStripe = {
    url: "",
    state,
    close: () => new Promise((resolve) => server.close(() => resolve())),
    failNext(n) {
      failures = n;
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
      if (patch.status === "canceled") sub.canceled_at = sub.ended_at = now();
      state.subscriptions.set(id, sub);
      return sub;
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

  async function handle(
    req: IncomingMessage,
    body: string,
  ): Promise<{ status: number; body: Obj } | { html: string; redirect?: string }> {
    const url = new URL(req.url ?? "/", base);
    const route = `${req.method} ${url.pathname}`;
    if (url.pathname.startsWith("/checkout/")) {
      // The hosted checkout page: visiting it "pays" and completes the session.
      const session = state.sessions.get(url.pathname.split("/")[2]!);
      if (!session) return { status: 404, body: { error: { message: "No such checkout session" } } };
      if (session.status !== "complete") {
        const price = String(list(session.line_items)[0]?.price ?? "");
        const sub = subscriptionObject(newId("sub"), String(session.customer), price, "active");
        sub.metadata = (session.subscription_data as Obj | undefined)?.metadata ?? {};
        state.subscriptions.set(String(sub.id), sub);
        Object.assign(session, { status: "complete", payment_status: "paid", subscription: sub.id });
        if (opts.webhookUrl) {
          await fake.sendEvent("checkout.session.completed", { ...session });
          await fake.sendEvent("customer.subscription.created", { ...sub });
        }
      }
      return { html: "<h1>Fake Stripe Checkout</h1><p>Paid.</p>", redirect: String(session.success_url) };
    }
    if (url.pathname.startsWith("/portal/")) {
      return { html: "<h1>Fake Stripe Customer Portal</h1>" };
    }
    state.requests.push(route);
    if (!String(req.headers.authorization ?? "").startsWith("Bearer sk_")) {
      return {
        status: 401,
        body: { error: { type: "invalid_request_error", message: "Invalid API Key provided" } },
      };
    }
    if (failures > 0) {
      failures--;
      return { status: 500, body: { error: { type: "api_error", message: "Fake outage" } } };
    }
    const key = req.headers["idempotency-key"];
    const idemKey = req.method === "POST" && typeof key === "string" ? `${url.pathname}|${key}` : null;
    if (idemKey && idempotent.has(idemKey)) return idempotent.get(idemKey)!;
    const params = parseForm(body);
    const result = route_(req.method ?? "GET", url.pathname, params);
    if (idemKey) idempotent.set(idemKey, result);
    return result;
  }

  const notFound = (what: string) => ({
    status: 404,
    body: { error: { type: "invalid_request_error", message: `No such ${what}` } },
  });

  function route_(method: string, path: string, p: Obj): { status: number; body: Obj } {
    const [, , resource, id, sub] = path.split("/");
    if (method === "POST" && resource === "customers" && !id) {
      const c = { id: newId("cus"), object: "customer", email: p.email ?? null, metadata: p.metadata ?? {} };
      state.customers.set(c.id, c);
      return { status: 200, body: c };
    }
    if (resource === "checkout" && id === "sessions") {
      const sid = sub;
      if (method === "POST" && !sid) {
        if (!p.customer || !state.customers.has(String(p.customer))) return notFound("customer");
        const s: Obj = {
          ...p,
          id: newId("cs_test"),
          object: "checkout.session",
          status: "open",
          payment_status: "unpaid",
          subscription: null,
        };
        s.url = `${base}/checkout/${String(s.id)}`;
        state.sessions.set(String(s.id), s);
        return { status: 200, body: s };
      }
      const s = sid ? state.sessions.get(sid) : undefined;
      return s ? { status: 200, body: s } : notFound("checkout session");
    }
    if (method === "POST" && resource === "billing_portal" && id === "sessions") {
      if (!p.customer || !state.customers.has(String(p.customer))) return notFound("customer");
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
    if (method === "GET" && resource === "subscriptions" && id) {
      const s = state.subscriptions.get(id);
      return s ? { status: 200, body: s } : notFound("subscription");
    }
    if (method === "GET" && resource === "events" && id) {
      const e = state.events.get(id);
      return e ? { status: 200, body: e } : notFound("event");
    }
    return {
      status: 404,
      body: {
        error: { type: "invalid_request_error", message: `Unrecognized request URL (${method}: ${path})` },
      },
    };
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      handle(req, body)
        .then((out) => {
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
