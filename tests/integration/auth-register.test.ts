// POST /api/auth/register against the real MariaDB and Redis: validation, duplicates, rate limits.
import { afterAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.AUTH_RATE_LIMIT_PER_EMAIL = "3";
  process.env.AUTH_RATE_LIMIT_PER_IP = "5";
});

import { eq } from "drizzle-orm";
import { POST } from "@/app/api/auth/register/route";
import { closeDb, db } from "@/db";
import { auditLog, tradingSettings, users } from "@/db/schema";
import { closeRedis } from "@/lib/redis";
import { countUsers, uniqueEmail, uniqueIp } from "../helpers/db";

function register(body: unknown, ip = uniqueIp()): Promise<Response> {
  return POST(
    new Request("http://localhost/api/auth/register", {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": ip },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
    undefined,
  );
}

afterAll(async () => {
  await closeDb();
  await closeRedis();
});

describe("POST /api/auth/register", () => {
  it("creates the user with an argon2id hash, default settings and an audit entry", async () => {
    const email = uniqueEmail("ok");
    const res = await register({
      email: `  ${email.toUpperCase()} `,
      password: "correct horse battery",
      name: "Ada",
    });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.user.email).toBe(email);
    const row = await db.query.users.findFirst({ where: eq(users.email, email) });
    expect(row?.name).toBe("Ada");
    expect(row?.role).toBe("user");
    expect(row?.status).toBe("active");
    expect(row?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row?.passwordHash).not.toContain("correct horse");
    const settings = await db.query.tradingSettings.findFirst({ where: eq(tradingSettings.userId, row!.id) });
    expect(settings?.autoTrade).toBe(false);
    const entries = await db.select().from(auditLog).where(eq(auditLog.targetUserId, row!.id));
    expect(entries.map((e) => e.action)).toEqual(["user.signup"]);
  });

  const invalid: Array<[string, unknown, string, RegExp]> = [
    ["bad email", { email: "not-an-email", password: "longenough1" }, "email", /valid email/],
    ["short password", { email: "short@example.com", password: "123456789" }, "password", /at least 10/],
    ["missing email", { password: "longenough1" }, "email", /required/],
    ["missing password", { email: "nopw@example.com" }, "password", /required/],
    [
      "oversized email",
      { email: `${"a".repeat(250)}@example.com`, password: "longenough1" },
      "email",
      /at most 254/,
    ],
    [
      "oversized password",
      { email: "bigpw@example.com", password: "x".repeat(201) },
      "password",
      /at most 200/,
    ],
    [
      "oversized name",
      { email: "bigname@example.com", password: "longenough1", name: "n".repeat(101) },
      "name",
      /at most 100/,
    ],
    ["wrong type", { email: 42, password: "longenough1" }, "email", /text/],
  ];

  it.each(invalid)(
    "%s → 400 naming the field, users table unchanged",
    async (_label, body, field, message) => {
      const before = await countUsers();
      const res = await register(body);
      expect(res.status).toBe(400);
      const json = await res.json();
      expect(json.error.code).toBe("bad_request");
      expect(json.error.fields[field]).toMatch(message);
      expect(json.error.message).toContain(field);
      expect(await countUsers()).toBe(before);
    },
  );

  it("rejects a body that is not JSON with 400 and writes nothing", async () => {
    const before = await countUsers();
    const res = await register("{not json");
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/valid JSON/);
    expect(await countUsers()).toBe(before);
  });

  it("duplicate email → 409 with a clear message, still one row", async () => {
    const email = uniqueEmail("dup");
    expect((await register({ email, password: "longenough1" })).status).toBe(201);
    const before = await countUsers();
    const res = await register({ email: email.toUpperCase(), password: "anotherpassword" });
    expect(res.status).toBe(409);
    expect((await res.json()).error.message).toMatch(/already exists/);
    expect(await countUsers()).toBe(before);
    expect(await countUsers(email)).toBe(1);
  });

  it("two racing sign-ups for one email: one 201, one 409", async () => {
    const email = uniqueEmail("race");
    const results = await Promise.all([
      register({ email, password: "longenough1" }),
      register({ email, password: "longenough2" }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await countUsers(email)).toBe(1);
  });

  it("rate-limits per email across IPs: 429 with Retry-After, nothing written", async () => {
    const email = uniqueEmail("rl");
    for (let i = 0; i < 3; i++) {
      expect((await register({ email, password: "short" })).status).toBe(400);
    }
    const res = await register({ email, password: "longenough1" });
    expect(res.status).toBe(429);
    const retry = Number(res.headers.get("retry-after"));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(900);
    expect((await res.json()).error.message).toMatch(
      /Too many attempts\. Try again in \d+ (seconds|minutes)/,
    );
    expect(await countUsers(email)).toBe(0);
  });

  it("rate-limits per IP across emails", async () => {
    const ip = uniqueIp();
    for (let i = 0; i < 5; i++) {
      expect((await register({ email: uniqueEmail("ip"), password: "x" }, ip)).status).toBe(400);
    }
    const email = uniqueEmail("ip-ok");
    const res = await register({ email, password: "longenough1" }, ip);
    expect(res.status).toBe(429);
    expect(await countUsers(email)).toBe(0);
    // Another IP is unaffected.
    expect((await register({ email, password: "longenough1" })).status).toBe(201);
  });
});
