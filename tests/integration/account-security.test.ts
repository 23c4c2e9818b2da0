// Sign-in security against the real MariaDB and Redis: failed-login limits slow an attacker without locking the
// owner out, two-factor authentication (enrol, sign in with a code or a recovery code, each once), server-side
// sessions (one can be ended; another user's cannot), and admins needing 2FA.
import { afterAll, describe, expect, it, vi } from "vitest";

const h = vi.hoisted(() => {
  process.env.AUTH_RATE_LIMIT_PER_EMAIL = "5";
  process.env.AUTH_RATE_LIMIT_PER_IP = "30";
  return { session: { current: null as null | object } };
});
vi.mock("@/lib/auth/index", () => ({ auth: async () => h.session.current }));

import { eq } from "drizzle-orm";
import { generate } from "otplib";
import { closeDb, db } from "@/db";
import { auditLog, users } from "@/db/schema";
import * as adminUsersRoute from "@/app/api/admin/users/route";
import * as sessionRoute from "@/app/api/account/sessions/[id]/route";
import * as setupRoute from "@/app/api/account/two-factor/setup/route";
import * as confirmRoute from "@/app/api/account/two-factor/confirm/route";
import * as disableRoute from "@/app/api/account/two-factor/disable/route";
import { authorizeCredentials } from "@/lib/auth/credentials";
import { checkPassword } from "@/lib/auth/login";
import { DEVICE_COOKIE, deviceToken, MAX_DELAY_SECONDS } from "@/lib/auth/login-guard";
import { loadSessionUser } from "@/lib/auth/session-user";
import { revokeSession } from "@/lib/auth/sessions";
import { closeRedis } from "@/lib/redis";
import { makeUser } from "../helpers/accounts";
import { uniqueIp } from "../helpers/db";
import { secureUser, sessionFor } from "../helpers/security";

const PASSWORD = "longenough-password";
const as = (u: { id: number; sessionVersion: number; sessionId: string }) => {
  h.session.current = {
    user: { id: String(u.id) },
    sessionVersion: u.sessionVersion,
    sessionId: u.sessionId,
  };
};
const fromIp = (ip: string, cookie?: string) =>
  new Request("http://localhost:3000/api/auth/callback/credentials", {
    method: "POST",
    headers: { "x-forwarded-for": ip, ...(cookie ? { cookie } : {}) },
  });
function req(method: string, body?: unknown): Request {
  return new Request("http://localhost:3000/api/x", {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
const ctx = (id: string) => ({ params: Promise.resolve({ id }) });

afterAll(async () => {
  await closeDb();
  await closeRedis();
});

describe("failed-login limits", () => {
  it("an attacker's wrong passwords block the attacker's address, not the owner", async () => {
    const owner = await makeUser("guard-owner");
    const attacker = uniqueIp();
    for (let i = 0; i < 12; i++)
      await authorizeCredentials({ email: owner.email, password: "wrong-guess-123" }, fromIp(attacker));
    const blocked = await checkPassword({
      email: owner.email,
      password: PASSWORD,
      ip: attacker,
      knownDevice: false,
    });
    expect(blocked).toMatchObject({ ok: false, reason: "limited" });
    // The owner, on their own device (it signed in before), gets in at once.
    const device = `${DEVICE_COOKIE}=${deviceToken(owner.email)}`;
    expect(
      await authorizeCredentials({ email: owner.email, password: PASSWORD }, fromIp(uniqueIp(), device)),
    ).not.toBeNull();
  });

  it("failures spread over many addresses only add a short, capped delay per email, which a known device skips", async () => {
    const owner = await makeUser("guard-spread");
    for (let i = 0; i < 10; i++)
      await authorizeCredentials({ email: owner.email, password: "wrong-guess-123" }, fromIp(uniqueIp()));
    const newDevice = await checkPassword({
      email: owner.email,
      password: PASSWORD,
      ip: uniqueIp(),
      knownDevice: false,
    });
    expect(newDevice.ok).toBe(false);
    if (!newDevice.ok && newDevice.reason === "limited") {
      expect(newDevice.retryAfter).toBeGreaterThan(0);
      expect(newDevice.retryAfter).toBeLessThanOrEqual(MAX_DELAY_SECONDS);
    } else throw new Error("expected a delay");
    const known = await checkPassword({
      email: owner.email,
      password: PASSWORD,
      ip: uniqueIp(),
      knownDevice: true,
    });
    expect(known.ok).toBe(true);
  });

  it("a forged device cookie is not a known device", async () => {
    const owner = await makeUser("guard-forged");
    for (let i = 0; i < 6; i++)
      await authorizeCredentials({ email: owner.email, password: "wrong-guess-123" }, fromIp(uniqueIp()));
    const forged = `${DEVICE_COOKIE}=${deviceToken("someone-else@example.com")}`;
    expect(
      await authorizeCredentials({ email: owner.email, password: PASSWORD }, fromIp(uniqueIp(), forged)),
    ).toBeNull();
  });
});

describe("two-factor authentication", () => {
  it("enrols with a QR code and a first code, gives ten recovery codes, and is audited", async () => {
    const user = await makeUser("2fa-enrol");
    const other = await sessionFor(user.id);
    as(user);
    const setup = await setupRoute.POST(req("POST"));
    expect(setup.status).toBe(200);
    const { secret, uri, qrSvg } = await setup.json();
    expect(uri).toMatch(/^otpauth:\/\/totp\/Tickpilot:/);
    expect(qrSvg).toMatch(/^<svg/);
    const row = await db.query.users.findFirst({ where: eq(users.id, user.id) });
    expect(row?.totpSecretEnc).not.toContain(secret);
    expect(row?.totpEnabledAt).toBeNull();
    const wrong = await confirmRoute.POST(req("POST", { code: "123456" }));
    expect(wrong.status).toBe(400);
    const ok = await confirmRoute.POST(req("POST", { code: await generate({ secret }) }));
    expect(ok.status).toBe(200);
    const { recoveryCodes } = await ok.json();
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect((await db.query.users.findFirst({ where: eq(users.id, user.id) }))?.totpEnabledAt).toBeInstanceOf(
      Date,
    );
    // Sessions that signed in without the second factor end; this one stays.
    expect(await loadSessionUser(String(user.id), user.sessionVersion, other)).toBeNull();
    expect(await loadSessionUser(String(user.id), user.sessionVersion, user.sessionId)).not.toBeNull();
    const actions = (await db.select().from(auditLog).where(eq(auditLog.actorId, user.id))).map(
      (a) => a.action,
    );
    expect(actions).toContain("user.2fa_enable");
  });

  it("sign-in needs a code; each code and each recovery code works once", async () => {
    const user = await makeUser("2fa-login");
    as(user);
    const { secret } = await (await setupRoute.POST(req("POST"))).json();
    const { recoveryCodes } = await (
      await confirmRoute.POST(req("POST", { code: await generate({ secret }) }))
    ).json();
    const creds = { email: user.email, password: PASSWORD };
    expect(await authorizeCredentials(creds, fromIp(uniqueIp()))).toBeNull();
    await db.update(users).set({ totpLastStep: null }).where(eq(users.id, user.id));
    const code = await generate({ secret });
    expect(await authorizeCredentials({ ...creds, code }, fromIp(uniqueIp()))).not.toBeNull();
    expect(await authorizeCredentials({ ...creds, code }, fromIp(uniqueIp()))).toBeNull();
    const recovery = recoveryCodes[0].toUpperCase();
    expect(await authorizeCredentials({ ...creds, code: recovery }, fromIp(uniqueIp()))).not.toBeNull();
    expect(await authorizeCredentials({ ...creds, code: recovery }, fromIp(uniqueIp()))).toBeNull();
  });

  it("a user turns it off with a code; an admin cannot", async () => {
    const user = await makeUser("2fa-off");
    const sec = await secureUser(user.id);
    as(user);
    expect((await disableRoute.POST(req("POST", { code: "000000" }))).status).toBe(400);
    expect((await disableRoute.POST(req("POST", { code: await sec.code() }))).status).toBe(200);
    expect((await db.query.users.findFirst({ where: eq(users.id, user.id) }))?.totpEnabledAt).toBeNull();
    const admin = await makeUser("2fa-admin-off");
    await db.update(users).set({ role: "admin" }).where(eq(users.id, admin.id));
    const adminSec = await secureUser(admin.id);
    as(admin);
    const refused = await disableRoute.POST(req("POST", { code: await adminSec.code() }));
    expect(refused.status).toBe(403);
    expect((await db.query.users.findFirst({ where: eq(users.id, admin.id) }))?.totpEnabledAt).toBeInstanceOf(
      Date,
    );
  });

  it("an admin without 2FA gets 403 from the admin API; with it, the console answers; a user still gets 404", async () => {
    const admin = await makeUser("2fa-admin");
    await db.update(users).set({ role: "admin" }).where(eq(users.id, admin.id));
    as(admin);
    const without = await adminUsersRoute.GET(req("GET"));
    expect(without.status).toBe(403);
    expect((await without.json()).error.message).toMatch(/two-factor authentication/);
    await secureUser(admin.id);
    expect((await adminUsersRoute.GET(req("GET"))).status).toBe(200);
    const user = await makeUser("2fa-not-admin");
    as(user);
    expect((await adminUsersRoute.GET(req("GET"))).status).toBe(404);
  });
});

describe("sessions", () => {
  it("ending one session ends only that one; another user's session cannot be ended", async () => {
    const a = await makeUser("sess-a");
    const b = await makeUser("sess-b");
    const aPhone = await sessionFor(a.id);
    as(b);
    const foreign = await sessionRoute.DELETE(req("DELETE"), ctx(aPhone));
    expect(foreign.status).toBe(404);
    expect(await loadSessionUser(String(a.id), a.sessionVersion, aPhone)).not.toBeNull();
    as(a);
    expect((await sessionRoute.DELETE(req("DELETE"), ctx(aPhone))).status).toBe(200);
    expect(await loadSessionUser(String(a.id), a.sessionVersion, aPhone)).toBeNull();
    expect(await loadSessionUser(String(a.id), a.sessionVersion, a.sessionId)).not.toBeNull();
  });

  it("Log out revokes the session on the server: the same cookie stops working", async () => {
    const user = await makeUser("sess-logout");
    expect(await loadSessionUser(String(user.id), user.sessionVersion, user.sessionId)).not.toBeNull();
    await revokeSession(user.sessionId);
    expect(await loadSessionUser(String(user.id), user.sessionVersion, user.sessionId)).toBeNull();
  });
});
