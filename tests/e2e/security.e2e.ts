// Issue 15's findings, tried against the real production server (server.ts + next start build) as an attacker
// would: content types, cross-site requests, server actions, security headers, malformed URLs, log noise from
// failed logins and garbage cookies, and a forged X-Forwarded-For.
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, inject, it } from "vitest";
import { eq } from "drizzle-orm";
import { closeDb, db } from "@/db";
import { users } from "@/db/schema";
import { registerUser } from "@/lib/auth/register";
import { closeRedis, redis, rkey } from "@/lib/redis";
import { uniqueEmail } from "../helpers/db";

const base = inject("baseURL");
const logLines = () =>
  readFileSync(inject("webLogFile"), "utf8")
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map(
      (l) => JSON.parse(l) as { level: number; msg: string; err?: { stack?: string }; authError?: string },
    );

afterAll(async () => {
  await closeDb();
  await closeRedis();
});

describe("requests a cross-site page could send", () => {
  it("a JSON API refuses text/plain with 415 and creates nothing", async () => {
    const email = uniqueEmail("e2e-plain");
    const res = await fetch(`${base}/api/auth/register`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: JSON.stringify({ email, password: "longenough-pw-1" }),
    });
    expect(res.status).toBe(415);
    expect(await db.query.users.findFirst({ where: eq(users.email, email) })).toBeUndefined();
  });

  it("a state-changing request from another origin is 403; the same without Origin works", async () => {
    const email = uniqueEmail("e2e-origin");
    const body = JSON.stringify({ email, password: "longenough-pw-1" });
    const evil = await fetch(`${base}/api/auth/register`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://evil.example" },
      body,
    });
    expect(evil.status).toBe(403);
    const sameSite = await fetch(`${base}/api/auth/register`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        origin: "http://127.0.0.1:1",
        "sec-fetch-site": "same-site",
      },
      body,
    });
    expect(sameSite.status).toBe(403);
    expect(await db.query.users.findFirst({ where: eq(users.email, email) })).toBeUndefined();
    const script = await fetch(`${base}/api/auth/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
    expect(script.status).toBe(201);
  });

  it("a server action posted from another origin is a 403, not a 500", async () => {
    const res = await fetch(`${base}/login`, {
      method: "POST",
      headers: {
        "next-action": "0123456789abcdef",
        origin: "http://evil.example",
        "content-type": "text/plain",
      },
      body: "[]",
    });
    expect(res.status).toBe(403);
  });
});

describe("responses", () => {
  it("pages carry a nonce-based CSP that forbids framing, nosniff and a referrer policy; no HSTS over http", async () => {
    const res = await fetch(`${base}/login`);
    expect(res.status).toBe(200);
    const csp = res.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("'strict-dynamic'");
    expect(csp).not.toContain("'unsafe-eval'");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(res.headers.get("strict-transport-security")).toBeNull();
    const html = await res.text();
    // Every inline script carries this response's nonce; a second response gets another one.
    const scripts = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs] of scripts) expect(attrs).toContain(`nonce="${nonce}"`);
    const again = await fetch(`${base}/login`);
    expect(again.headers.get("content-security-policy")).not.toContain(nonce!);
  });

  it("HSTS only when a trusted proxy says the request came over https (a client cannot claim it)", async () => {
    const res = await fetch(`${base}/login`, { headers: { "x-forwarded-proto": "https" } });
    expect(res.headers.get("strict-transport-security")).toBeNull();
  });

  it("malformed percent-escapes are a 400 everywhere, signed in or not", async () => {
    for (const [method, path] of [
      ["POST", "/api/exchange-keys/%ZZ/reset"],
      ["GET", "/api/admin/users/%E0%A4%A"],
      ["GET", "/dashboard/%E0%A4%A"],
      ["GET", "/%"],
    ] as const) {
      const res = await fetch(`${base}${path}`, { method });
      expect(res.status, `${method} ${path}`).toBe(400);
    }
  });
});

describe("the client IP and failed logins", () => {
  it("a forged X-Forwarded-For does not buy fresh sign-up attempts", async () => {
    let limited = false;
    for (let i = 0; i < 40 && !limited; i++) {
      const res = await fetch(`${base}/api/auth/register`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": `198.51.100.${i}` },
        body: JSON.stringify({ email: "not-an-email", password: "x" }),
      });
      limited = res.status === 429;
    }
    expect(limited).toBe(true);
    // Every browser test signs up from 127.0.0.1 too: give the other files their attempts back.
    const keys = await redis().keys(rkey("ratelimit:signup:ip:*"));
    if (keys.length) await redis().del(...keys);
  });

  it("a wrong password and a garbage session cookie are logged once each, below error level, without a stack", async () => {
    const email = uniqueEmail("e2e-logs");
    await registerUser({ email, password: "longenough-pw-1" });
    const before = logLines().length;
    const csrf = await fetch(`${base}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const cookie = csrf.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const login = await fetch(`${base}/api/auth/callback/credentials`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie },
      body: new URLSearchParams({ email, password: "definitely-wrong", csrfToken }),
      redirect: "manual",
    });
    expect(login.status).toBe(302);
    expect(login.headers.get("location")).toMatch(/error=CredentialsSignin/);
    for (let i = 0; i < 3; i++) {
      const page = await fetch(`${base}/dashboard`, {
        headers: { cookie: "authjs.session-token=garbage-not-a-jwt" },
        redirect: "manual",
      });
      expect(page.status).toBe(307);
    }
    await new Promise((r) => setTimeout(r, 500));
    const lines = logLines().slice(before);
    expect(lines.filter((l) => l.level >= 50)).toEqual([]);
    expect(lines.filter((l) => l.err?.stack)).toEqual([]);
    expect(lines.filter((l) => l.msg === "login refused")).toHaveLength(1);
    expect(lines.filter((l) => l.authError === "JWTSessionError").length).toBeGreaterThanOrEqual(1);
  });
});
