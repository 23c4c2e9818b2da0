// Every API route goes through the one wrapper (lib/api/route.ts), and the wrapper's checks hold on real routes:
// state-changing requests from another origin get 403 and change nothing, non-JSON bodies get 415 and change
// nothing, requests without an Origin (scripts with a session) still work, and odd route segments are 404s.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const h = vi.hoisted(() => {
  // Billing on (no Stripe call is made here): plans decide, so the wrapper's plan requirement can refuse.
  process.env.STRIPE_SECRET_KEY = "sk_test_route_wrapper";
  return { session: { current: null as null | object } };
});
vi.mock("@/lib/auth/index", () => ({ auth: async () => h.session.current }));

import { eq } from "drizzle-orm";
import { closeDb, db } from "@/db";
import { auditLog, tradingSettings, users } from "@/db/schema";
import * as resetRoute from "@/app/api/exchange-keys/[id]/reset/route";
import * as registerRoute from "@/app/api/auth/register/route";
import * as settingsRoute from "@/app/api/settings/route";
import * as keysRoute from "@/app/api/exchange-keys/route";
import * as autoTradeOffRoute from "@/app/api/admin/users/[id]/auto-trade-off/route";
import { ROUTE_AUTH } from "@/lib/api/route";
import { registerUser } from "@/lib/auth/register";
import { closeQueues } from "@/lib/queue/queues";
import { closeRedis } from "@/lib/redis";
import { makeUser } from "../helpers/accounts";
import { countUsers, uniqueEmail, uniqueIp } from "../helpers/db";
import { secureUser, sessionFor } from "../helpers/security";

const API = path.resolve(import.meta.dirname, "../../app/api");
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
// Routes anyone may call; every other route needs a user, and /api/admin/** an admin.
const PUBLIC = [
  "auth/[...nextauth]",
  "auth/register",
  "auth/password-reset",
  "auth/password-reset/confirm",
  "health",
  "metrics",
  "stripe/webhook",
  // Signal webhooks: the secret token in the URL is the authentication.
  "signals/[token]",
  // Telegram's updates (the secret_token header authenticates them).
  "telegram/webhook",
  // The public track record (shadow accounts of the default groups, no user data).
  "track-record",
  "track-record/[accountId]/decisions",
];

function routeFiles(dir = API): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? routeFiles(path.join(dir, e.name))
      : e.name === "route.ts"
        ? [path.join(dir, e.name)]
        : [],
  );
}

type User = Awaited<ReturnType<typeof makeUser>>;
const as = (u: { id: number; sessionVersion: number; sessionId: string }) => {
  h.session.current = {
    user: { id: String(u.id) },
    sessionVersion: u.sessionVersion,
    sessionId: u.sessionId,
  };
};
const ctx = (id: number | string) => ({ params: Promise.resolve({ id: String(id) }) });
function req(method: string, headers: Record<string, string> = {}, body?: string): Request {
  return new Request("http://localhost:3000/api/x", {
    method,
    headers: { host: "localhost:3000", ...headers },
    body,
  });
}
const json = { "content-type": "application/json" };

let user: User;
let admin: { id: number; sessionVersion: number; sessionId: string };

beforeAll(async () => {
  user = await makeUser("wrap");
  const { id } = await registerUser(
    { email: uniqueEmail("wrap-admin"), password: "longenough-pw-1" },
    { role: "admin" },
  );
  await secureUser(id);
  admin = { id, sessionVersion: 1, sessionId: await sessionFor(id) };
});

afterAll(async () => {
  await closeQueues();
  await closeDb();
  await closeRedis();
});

describe("every route handler goes through the wrapper", () => {
  const files = routeFiles();

  it("finds the route files", () => {
    expect(files.length).toBeGreaterThan(25);
  });

  it.each(files.map((f) => [path.relative(API, path.dirname(f)), f]))("%s", async (route, file) => {
    const mod = (await import(file)) as Record<string, unknown>;
    const handlers = METHODS.filter((m) => m in mod);
    expect(handlers.length, "exports at least one method").toBeGreaterThan(0);
    const expected = PUBLIC.includes(route) ? "public" : route.startsWith("admin") ? "admin" : "user";
    for (const m of handlers) {
      expect((mod[m] as { [ROUTE_AUTH]?: string })[ROUTE_AUTH], `${m} /api/${route}`).toBe(expected);
    }
    // Auth happens in the wrapper only: a handler checking the session itself would be a second, divergent path.
    const source = readFileSync(file, "utf8");
    expect(source).not.toMatch(/requireApi(User|Admin)|getCurrentUser|requireAdminActor|clientIp\(/);
  });
});

describe("state-changing requests from another origin", () => {
  const foreign: Array<[string, Record<string, string>]> = [
    ["another site", { origin: "http://evil.example" }],
    ["another port of the same host", { origin: "http://localhost:4000" }],
    ["a sibling subdomain", { origin: "http://app.localhost:3000" }],
    ["an opaque origin", { origin: "null" }],
    ["Sec-Fetch-Site: same-site", { "sec-fetch-site": "same-site" }],
    ["Sec-Fetch-Site: cross-site", { "sec-fetch-site": "cross-site", origin: "http://localhost:3000" }],
  ];

  it.each(foreign)("PUT /api/settings from %s → 403, nothing saved", async (_what, headers) => {
    as(user);
    const res = await settingsRoute.PUT(
      req("PUT", { ...json, ...headers }, JSON.stringify({ maxLeverage: 2 })),
    );
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toMatch(/Cross-site requests are not allowed/);
    const row = await db.query.tradingSettings.findFirst({ where: eq(tradingSettings.userId, user.id) });
    expect(row?.maxLeverage).not.toBe(2);
  });

  it("POST /api/exchange-keys/{id}/reset and the admin's auto-trade-off from evil.example → 403, nothing done", async () => {
    as(user);
    const reset = await resetRoute.POST(
      req("POST", { origin: "http://evil.example" }),
      ctx(user.paperAccountId),
    );
    expect(reset.status).toBe(403);
    await db.update(tradingSettings).set({ autoTrade: true }).where(eq(tradingSettings.userId, user.id));
    as(admin);
    const off = await autoTradeOffRoute.POST(req("POST", { origin: "http://evil.example" }), ctx(user.id));
    expect(off.status).toBe(403);
    const row = await db.query.tradingSettings.findFirst({ where: eq(tradingSettings.userId, user.id) });
    expect(row?.autoTrade).toBe(true);
    const audit = await db.select().from(auditLog).where(eq(auditLog.targetUserId, user.id));
    expect(audit.map((a) => a.action)).not.toContain("paper.reset");
    expect(audit.map((a) => a.action)).not.toContain("admin.user.auto_trade_off");
  });

  it("the same requests from our own origin, or from a script without an Origin, work", async () => {
    as(user);
    const own = await settingsRoute.PUT(
      req(
        "PUT",
        { ...json, origin: "http://localhost:3000", "sec-fetch-site": "same-origin" },
        '{"maxLeverage":2}',
      ),
    );
    expect(own.status).toBe(200);
    const script = await resetRoute.POST(req("POST"), ctx(user.paperAccountId));
    expect(script.status).toBe(200);
    as(admin);
    const off = await autoTradeOffRoute.POST(req("POST", { origin: "http://localhost:3000" }), ctx(user.id));
    expect(off.status).toBe(200);
    const row = await db.query.tradingSettings.findFirst({ where: eq(tradingSettings.userId, user.id) });
    expect(row).toMatchObject({ maxLeverage: 2, autoTrade: false });
  });
});

describe("JSON routes refuse other content types", () => {
  it("POST /api/auth/register with text/plain → 415, no account", async () => {
    const email = uniqueEmail("plain");
    const res = await registerRoute.POST(
      req(
        "POST",
        { "content-type": "text/plain", "x-forwarded-for": uniqueIp() },
        JSON.stringify({ email, password: "longenough-pw-1" }),
      ),
    );
    expect(res.status).toBe(415);
    expect((await res.json()).error.code).toBe("unsupported_media_type");
    expect(await countUsers(email)).toBe(0);
  });

  it("a form post or a body without a type → 415; JSON with a charset → accepted", async () => {
    as(user);
    const form = await settingsRoute.PUT(
      req("PUT", { "content-type": "application/x-www-form-urlencoded" }, "maxLeverage=3"),
    );
    expect(form.status).toBe(415);
    const untyped = await settingsRoute.PUT(
      new Request("http://localhost:3000/api/settings", {
        method: "PUT",
        body: new Blob(['{"maxLeverage":3}']),
      }),
    );
    expect(untyped.status).toBe(415);
    const ok = await settingsRoute.PUT(
      req("PUT", { "content-type": "application/json; charset=utf-8" }, '{"maxLeverage":3}'),
    );
    expect(ok.status).toBe(200);
  });
});

describe("route segments", () => {
  it("a malformed or foreign id is a 404 like a missing thing; another user's account too", async () => {
    as(user);
    for (const id of ["abc", "1e3", "-1", "0", "%ZZ"]) {
      const res = await resetRoute.POST(req("POST"), ctx(id));
      expect(res.status, id).toBe(404);
    }
    const other = await makeUser("wrap-other");
    const res = await resetRoute.POST(req("POST"), ctx(other.paperAccountId));
    expect(res.status).toBe(404);
    expect(await db.query.users.findFirst({ where: eq(users.id, other.id) })).toBeTruthy();
  });
});

describe("plan requirement", () => {
  it("a Free user cannot connect a live key: 403 with the plan's reason, before anything is checked or stored", async () => {
    const free = await makeUser("wrap-free");
    as(free);
    const res = await keysRoute.POST(
      req(
        "POST",
        json,
        JSON.stringify({ exchange: "bybit", label: "Live", apiKey: "AAAAAAAAAA", apiSecret: "BBBBBBBBBB" }),
      ),
    );
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toMatch(/Free plan/);
  });
});
