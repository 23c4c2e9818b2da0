// The account lifecycle's emailed steps against a real SMTP server in-process (smtp-server, no mock transport):
// email verification, password reset (single use, expiring, no enumeration), password change (other sessions end),
// and account deletion with the JSON export. Sent mails are recorded without their body.
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";

const h = await vi.hoisted(async () => {
  const { startSmtpServer } = await import("../helpers/smtp");
  const smtp = await startSmtpServer();
  process.env.SMTP_URL = smtp.url;
  return { smtp, session: { current: null as null | object } };
});
vi.mock("@/lib/auth/index", () => ({ auth: async () => h.session.current }));

import { and, eq } from "drizzle-orm";
import { closeDb, db } from "@/db";
import { auditLog, authTokens, exchangeAccounts, mailMessages, subscriptions, users } from "@/db/schema";
import * as accountRoute from "@/app/api/account/route";
import * as exportRoute from "@/app/api/account/export/route";
import * as passwordRoute from "@/app/api/account/password/route";
import * as resendRoute from "@/app/api/account/verify-email/route";
import * as resetRoute from "@/app/api/auth/password-reset/route";
import * as resetConfirmRoute from "@/app/api/auth/password-reset/confirm/route";
import { sendVerificationEmail, verifyEmailToken } from "@/lib/account/email-verification";
import { authorizeCredentials } from "@/lib/auth/credentials";
import { loadSessionUser } from "@/lib/auth/session-user";
import { closeMail } from "@/lib/mail/send-mail";
import { closeRedis } from "@/lib/redis";
import { addLiveAccount, makeUser } from "../helpers/accounts";
import { uniqueIp } from "../helpers/db";
import { secureUser, sessionFor } from "../helpers/security";
import { linkIn } from "../helpers/smtp";

const PASSWORD = "longenough-password";
type User = Awaited<ReturnType<typeof makeUser>>;
const as = (u: { id: number; sessionVersion: number; sessionId: string }) => {
  h.session.current = {
    user: { id: String(u.id) },
    sessionVersion: u.sessionVersion,
    sessionId: u.sessionId,
  };
};
function req(method: string, body?: unknown, headers: Record<string, string> = {}): Request {
  return new Request("http://localhost:3000/api/x", {
    method,
    headers: { "content-type": "application/json", "x-forwarded-for": uniqueIp(), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
const mailTo = async (email: string, n = 1) => {
  await expect.poll(() => h.smtp.to(email).length, { timeout: 5000 }).toBeGreaterThanOrEqual(n);
  return h.smtp.to(email)[n - 1]!;
};
const stillSignedIn = (u: { id: number; sessionVersion: number }, sid: string) =>
  db.query.users
    .findFirst({ where: eq(users.id, u.id), columns: { sessionVersion: true } })
    .then((row) => loadSessionUser(String(u.id), row?.sessionVersion ?? u.sessionVersion, sid));

beforeEach(() => {
  h.session.current = null;
});
afterAll(async () => {
  closeMail();
  await h.smtp.close();
  await closeDb();
  await closeRedis();
});

describe("email verification", () => {
  it("sends a link over SMTP that verifies the address once; the sent mail is recorded without its body", async () => {
    const user = await makeUser("verify");
    expect(await sendVerificationEmail(user)).toBe("sent");
    const mail = await mailTo(user.email);
    expect(mail.subject).toBe("Confirm your email address");
    const token = new URL(linkIn(mail, "http://localhost:3000/verify-email")).searchParams.get("token");
    expect(await verifyEmailToken(token, "127.0.0.1")).toBe("verified");
    expect(
      (await db.query.users.findFirst({ where: eq(users.id, user.id) }))?.emailVerifiedAt,
    ).toBeInstanceOf(Date);
    expect(await verifyEmailToken(token, "127.0.0.1")).toBe("invalid");
    const [row] = await db.select().from(mailMessages).where(eq(mailMessages.userId, user.id));
    expect(row).toMatchObject({ status: "sent", template: "verifyEmail", text: null, html: null });
  });

  it("an expired link, a made-up one, or one sent to a former address verifies nothing", async () => {
    const user = await makeUser("verify-bad");
    await sendVerificationEmail(user);
    const token = new URL(
      linkIn(await mailTo(user.email), "http://localhost:3000/verify-email"),
    ).searchParams.get("token");
    await db
      .update(authTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(authTokens.userId, user.id));
    expect(await verifyEmailToken(token, "127.0.0.1")).toBe("invalid");
    expect(await verifyEmailToken("A".repeat(43), "127.0.0.1")).toBe("invalid");
    expect(await verifyEmailToken("not-a-token", "127.0.0.1")).toBe("invalid");
    expect((await db.query.users.findFirst({ where: eq(users.id, user.id) }))?.emailVerifiedAt).toBeNull();
  });

  it("resending is for the signed-in, unverified user only", async () => {
    const user = await makeUser("resend");
    const res = await resendRoute.POST(req("POST"));
    expect(res.status).toBe(401);
    as(user);
    expect((await resendRoute.POST(req("POST"))).status).toBe(200);
    await mailTo(user.email);
    await db.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, user.id));
    expect((await resendRoute.POST(req("POST"))).status).toBe(409);
  });
});

describe("password reset", () => {
  it("answers the same for an unknown address and sends nothing", async () => {
    const before = h.smtp.messages.length;
    const res = await resetRoute.POST(req("POST", { email: "nobody-here@example.com" }));
    expect(res.status).toBe(202);
    expect((await res.json()).message).toMatch(/If an account uses that address/);
    await new Promise((r) => setTimeout(r, 300));
    expect(h.smtp.messages.length).toBe(before);
  });

  it("emails a single-use link; the new password works, the old does not, and every session ends", async () => {
    const user = await makeUser("reset");
    const otherDevice = await sessionFor(user.id);
    const res = await resetRoute.POST(req("POST", { email: user.email.toUpperCase() }));
    expect(res.status).toBe(202);
    const mail = await mailTo(user.email);
    expect(mail.subject).toBe("Reset your Tickpilot password");
    const token = new URL(linkIn(mail, "http://localhost:3000/reset-password")).searchParams.get("token")!;
    const ok = await resetConfirmRoute.POST(req("POST", { token, password: "a-brand-new-password" }));
    expect(ok.status).toBe(200);
    expect(await authorizeCredentials({ email: user.email, password: PASSWORD })).toBeNull();
    expect(
      await authorizeCredentials({ email: user.email, password: "a-brand-new-password" }),
    ).not.toBeNull();
    expect(await stillSignedIn(user, user.sessionId)).toBeNull();
    expect(await stillSignedIn(user, otherDevice)).toBeNull();
    // The link works once; the address is notified.
    const again = await resetConfirmRoute.POST(req("POST", { token, password: "yet-another-password" }));
    expect(again.status).toBe(400);
    expect((await again.json()).error.message).toMatch(/expired or was already used/);
    expect((await mailTo(user.email, 2)).subject).toBe("Your Tickpilot password was changed");
  });

  it("an expired link changes nothing; a weak password is a 400 naming the field", async () => {
    const user = await makeUser("reset-expired");
    await resetRoute.POST(req("POST", { email: user.email }));
    const token = new URL(
      linkIn(await mailTo(user.email), "http://localhost:3000/reset-password"),
    ).searchParams.get("token")!;
    const weak = await resetConfirmRoute.POST(req("POST", { token, password: "short" }));
    expect(weak.status).toBe(400);
    expect((await weak.json()).error.fields.password).toMatch(/at least 10/);
    await db
      .update(authTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(authTokens.userId, user.id));
    expect(
      (await resetConfirmRoute.POST(req("POST", { token, password: "a-brand-new-password" }))).status,
    ).toBe(400);
    expect(await authorizeCredentials({ email: user.email, password: PASSWORD })).not.toBeNull();
  });
});

describe("password change", () => {
  it("needs the current password; then every other session ends, this one stays, and the address is told", async () => {
    const user = await makeUser("change");
    const otherDevice = await sessionFor(user.id);
    as(user);
    const wrong = await passwordRoute.POST(
      req("POST", { currentPassword: "nope-nope-nope", newPassword: "next-password-1" }),
    );
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).error.fields.currentPassword).toMatch(/not right/);
    expect(await stillSignedIn(user, otherDevice)).not.toBeNull();
    const ok = await passwordRoute.POST(
      req("POST", { currentPassword: PASSWORD, newPassword: "next-password-1" }),
    );
    expect(ok.status).toBe(200);
    expect((await ok.json()).otherSessionsEnded).toBeGreaterThanOrEqual(1);
    expect(await stillSignedIn(user, user.sessionId)).not.toBeNull();
    expect(await stillSignedIn(user, otherDevice)).toBeNull();
    expect((await mailTo(user.email)).subject).toBe("Your Tickpilot password was changed");
    expect(await authorizeCredentials({ email: user.email, password: "next-password-1" })).not.toBeNull();
  });
});

describe("account deletion and export", () => {
  it("exports the user's own data without secrets, as a download", async () => {
    const user = await makeUser("export");
    const other = await makeUser("export-other");
    await addLiveAccount(user.id, { apiKey: "EXPORTKEY-123456789", apiSecret: "EXPORTSECRET-123456789" });
    as(user);
    const res = await exportRoute.GET(req("GET"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="tickpilot-export-/);
    const text = await res.text();
    const data = JSON.parse(text);
    expect(data.profile).toMatchObject({ id: user.id, email: user.email, twoFactorEnabled: false });
    expect(data.exchangeAccounts.map((a: { exchange: string }) => a.exchange).sort()).toEqual([
      "bybit",
      "paper",
    ]);
    expect(text).not.toMatch(/passwordHash|totpSecret|apiKeyEnc|apiSecretEnc|tokenHash|EXPORTSECRET|argon2/);
    expect(text).not.toContain(other.email);
  });

  it("needs the password (and a 2FA code when on), refuses a running subscription, then deletes everything", async () => {
    const user = await makeUser("delete");
    const sec = await secureUser(user.id);
    await addLiveAccount(user.id, { apiKey: "DELKEY-1234567890", apiSecret: "DELSECRET-1234567890" });
    as(user);
    const body = { password: PASSWORD, confirm: "DELETE" };
    expect((await accountRoute.DELETE(req("DELETE", { ...body, password: "wrong-password" }))).status).toBe(
      400,
    );
    expect((await accountRoute.DELETE(req("DELETE", body))).status).toBe(400);
    expect((await accountRoute.DELETE(req("DELETE", { ...body, confirm: "yes" }))).status).toBe(400);
    await db.insert(subscriptions).values({
      userId: user.id,
      stripeCustomerId: `cus_del_${user.id}`,
      stripeSubscriptionId: `sub_del_${user.id}`,
      plan: "pro",
      status: "active",
    } as typeof subscriptions.$inferInsert);
    const billed = await accountRoute.DELETE(req("DELETE", { ...body, code: await sec.code() }));
    expect(billed.status).toBe(409);
    expect((await billed.json()).error.message).toMatch(/Cancel your subscription/);
    await db.update(subscriptions).set({ status: "canceled" }).where(eq(subscriptions.userId, user.id));
    expect(await db.query.users.findFirst({ where: eq(users.id, user.id) })).toBeTruthy();

    const res = await accountRoute.DELETE(req("DELETE", { ...body, code: await sec.code() }));
    expect(res.status).toBe(200);
    expect(await db.query.users.findFirst({ where: eq(users.id, user.id) })).toBeUndefined();
    expect(await db.select().from(exchangeAccounts).where(eq(exchangeAccounts.userId, user.id))).toEqual([]);
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "user.delete")));
    expect(entry).toMatchObject({ actorId: null, targetUserId: null });
    expect((await mailTo(user.email)).subject).toBe("Your Tickpilot account was deleted");
    // The session is gone with the account.
    expect(await loadSessionUser(String(user.id), user.sessionVersion, user.sessionId)).toBeNull();
  });

  it("the only admin cannot delete their account", async () => {
    const admin: User = await makeUser("delete-admin");
    // (This run's database: every other admin made by earlier tests stops being one.)
    await db.update(users).set({ role: "user" }).where(eq(users.role, "admin"));
    await db.update(users).set({ role: "admin" }).where(eq(users.id, admin.id));
    const sec = await secureUser(admin.id);
    as(admin);
    const res = await accountRoute.DELETE(
      req("DELETE", { password: PASSWORD, confirm: "DELETE", code: await sec.code() }),
    );
    expect(res.status).toBe(409);
    expect((await res.json()).error.message).toMatch(/only admin/);
  });
});
