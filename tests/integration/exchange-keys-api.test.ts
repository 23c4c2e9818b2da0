// The exchange-keys API end to end: the real route handlers, MariaDB, and the real ccxt client talking to the
// fake Bybit. Validation before saving, masking, the audit log, tenant isolation, and no secret in any log line.
import { Writable } from "node:stream";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

const h = await vi.hoisted(async () => {
  const { startFakeBybit } = await import("../fakes/bybit");
  const rand = () => Math.random().toString(36).slice(2, 12);
  const key = { apiKey: `TK${rand()}${rand()}`, apiSecret: `SECRET${rand()}${rand()}` };
  const withdraw = { apiKey: `WK${rand()}${rand()}`, apiSecret: `WSECRET${rand()}${rand()}` };
  const fake = await startFakeBybit({
    keys: {
      [key.apiKey]: { secret: key.apiSecret, balance: 2500 },
      [withdraw.apiKey]: { secret: withdraw.apiSecret, withdraw: true },
    },
  });
  process.env.BYBIT_API_URL = fake.url;
  process.env.EXCHANGE_TIMEOUT_MS = "1500";
  process.env.EXCHANGE_KEY_CHECKS_PER_HOUR = "8";
  process.env.LOG_LEVEL = "trace";
  return { fake, key, withdraw, logs: [] as string[], session: { current: null as null | object } };
});

// Every pino line (with the app's real redaction config) lands in h.logs.
vi.mock("pino", async (importOriginal) => {
  const real = ((await importOriginal()) as { default: typeof import("pino").default }).default;
  const sink = new Writable({
    write(chunk, _enc, cb) {
      h.logs.push(String(chunk));
      cb();
    },
  });
  const wrapped = Object.assign((opts: object) => real(opts as never, sink), real);
  return { default: wrapped };
});
vi.mock("@/lib/auth/index", () => ({ auth: async () => h.session.current }));

import { and, count, eq } from "drizzle-orm";
import { closeDb, db } from "@/db";
import { auditLog, exchangeAccounts, tradingSettings, users } from "@/db/schema";
import * as keysRoute from "@/app/api/exchange-keys/route";
import * as keyRoute from "@/app/api/exchange-keys/[id]/route";
import * as resetRoute from "@/app/api/exchange-keys/[id]/reset/route";
import * as tradingRoute from "@/app/api/trading-account/route";
import { openAccountKeys } from "@/lib/crypto/account-keys";
import { closeRedis } from "@/lib/redis";
import { makeUser } from "../helpers/accounts";
import { secureUser } from "../helpers/security";

type User = Awaited<ReturnType<typeof makeUser>>;

function as(user: User) {
  h.session.current = {
    user: { id: String(user.id) },
    sessionVersion: user.sessionVersion,
    sessionId: user.sessionId,
  };
}

// Every user of this file has a verified email and two-factor authentication on (adding or removing a live key
// needs both); `code(user)` is a current code.
const secured = new Map<number, Awaited<ReturnType<typeof secureUser>>>();
async function securedUser(tag: string): Promise<User> {
  const user = await makeUser(tag);
  secured.set(user.id, await secureUser(user.id));
  return user;
}
const code = (user: User) => secured.get(user.id)!.code();

function req(method: string, body?: unknown): Request {
  return new Request("http://localhost/api/x", {
    method,
    headers: { "content-type": "application/json", "x-forwarded-for": "203.0.113.9" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
const ctx = (id: number | string) => ({ params: Promise.resolve({ id: String(id) }) });

async function liveCount(userId: number): Promise<number> {
  const [r] = await db
    .select({ n: count() })
    .from(exchangeAccounts)
    .where(and(eq(exchangeAccounts.userId, userId), eq(exchangeAccounts.exchange, "bybit")));
  return r!.n;
}

async function addKey(user: User, body: Record<string, unknown> = {}) {
  as(user);
  return keysRoute.POST(
    req("POST", {
      exchange: "bybit",
      label: "Main",
      ...h.key,
      testnet: false,
      code: await code(user),
      ...body,
    }),
    undefined,
  );
}

let a: User;
let b: User;

beforeAll(async () => {
  a = await securedUser("keys-a");
  b = await securedUser("keys-b");
});
beforeEach(() => {
  h.fake.state.failures = null;
});
afterAll(async () => {
  const all = h.logs.join("");
  // The whole file's log output: lines were written, and not one holds a secret.
  expect(all).toContain("exchange key added");
  expect(all).toContain("exchange key validation failed");
  for (const s of [h.key.apiSecret, h.withdraw.apiSecret, h.key.apiKey, h.withdraw.apiKey])
    expect(all).not.toContain(s);
  await h.fake.close();
  await closeDb();
  await closeRedis();
});

describe("POST /api/exchange-keys", () => {
  it("validates with the exchange, stores the pair encrypted and returns only a masked hint", async () => {
    const res = await addKey(a);
    expect(res.status).toBe(201);
    const text = await res.text();
    expect(text).not.toContain(h.key.apiSecret);
    expect(text).not.toContain(h.key.apiKey);
    const { account } = JSON.parse(text);
    expect(account).toMatchObject({
      exchange: "bybit",
      label: "Main",
      status: "active",
      testnet: false,
      usedForTrading: false,
    });
    expect(account.keyHint).toBe(`${h.key.apiKey.slice(0, 4)}…${h.key.apiKey.slice(-4)}`);
    expect(account.lastValidatedAt).toBeTruthy();
    const [row] = await db.select().from(exchangeAccounts).where(eq(exchangeAccounts.id, account.id));
    expect(JSON.stringify(row)).not.toContain(h.key.apiSecret);
    expect(JSON.stringify(row)).not.toContain(h.key.apiKey);
    expect(
      openAccountKeys({ ...row!, apiKeyEnc: row!.apiKeyEnc!, apiSecretEnc: row!.apiSecretEnc! }),
    ).toEqual({
      apiKey: h.key.apiKey,
      apiSecret: h.key.apiSecret,
    });
    expect(row!.apiPassphraseEnc).toBeNull();
    expect(row!.keyVersion).toBe(1);
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorId, a.id), eq(auditLog.action, "exchange_key.add")));
    expect(entry!.targetId).toBe(String(account.id));
    expect(JSON.stringify(entry)).not.toContain(h.key.apiSecret);
  });

  it("a key the exchange rejects → 400 and nothing stored", async () => {
    const before = await liveCount(b.id);
    const res = await addKey(b, { apiSecret: "not-the-right-secret" });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.message).toMatch(/the exchange rejected this key/i);
    expect(body.error.fields.apiKey).toBeTruthy();
    expect(await liveCount(b.id)).toBe(before);
  });

  it("a key that can withdraw → 400 explaining how to make a trade-only key; nothing stored", async () => {
    const before = await liveCount(b.id);
    const res = await addKey(b, h.withdraw);
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.message).toMatch(/can withdraw funds/);
    expect(error.message).toMatch(/trade-only/);
    expect(error.message).toMatch(/Withdrawal unticked/);
    expect(await liveCount(b.id)).toBe(before);
  });

  it.each([["500" as const], ["hang" as const]])(
    "an unreachable exchange (%s) → 502 and nothing stored",
    async (mode) => {
      const before = await liveCount(b.id);
      h.fake.fail(mode, 20);
      const res = await addKey(b);
      expect(res.status).toBe(502);
      expect((await res.json()).error.message).toMatch(
        /Could not reach Bybit to check this key. Nothing was saved/,
      );
      expect(await liveCount(b.id)).toBe(before);
    },
  );

  it("a passphrase for a Bybit key → 400 naming the field; Bybit is not asked and nothing is stored", async () => {
    const before = await liveCount(b.id);
    const calls = h.fake.state.requests.length;
    const res = await addKey(b, { apiPassphrase: "Bybit-has-none-1" });
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields.apiPassphrase).toMatch(/Only OKX keys have a passphrase/);
    expect(h.fake.state.requests.length).toBe(calls);
    expect(await liveCount(b.id)).toBe(before);
  });

  it("bad input → 400 naming the field, the exchange is not called", async () => {
    const calls = h.fake.state.requests.length;
    const res = await addKey(b, { apiSecret: "", label: "x".repeat(65) });
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.fields.apiSecret).toMatch(/API secret is required/);
    expect(error.fields.label).toMatch(/at most 64/);
    expect(h.fake.state.requests.length).toBe(calls);
  });
});

describe("who may add a live key", () => {
  it("needs a verified email, two-factor authentication and a current code; nothing is stored or checked otherwise", async () => {
    const calls = h.fake.state.requests.length;
    const plain = await makeUser("keys-plain");
    as(plain);
    const body = { exchange: "bybit", label: "Main", ...h.key, testnet: false };
    const unverified = await keysRoute.POST(req("POST", body), undefined);
    expect(unverified.status).toBe(403);
    expect((await unverified.json()).error.message).toMatch(/Verify your email address/);
    await db.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, plain.id));
    const verifiedNo2fa = await keysRoute.POST(req("POST", body), undefined);
    expect(verifiedNo2fa.status).toBe(403);
    expect((await verifiedNo2fa.json()).error.message).toMatch(/Turn on two-factor authentication/);
    const sec = await secureUser(plain.id);
    const wrong = await keysRoute.POST(req("POST", { ...body, code: "000000" }), undefined);
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).error.fields.code).toMatch(/not right/);
    const used = await sec.code();
    expect((await keysRoute.POST(req("POST", { ...body, code: used }), undefined)).status).toBe(201);
    // The same code a second time (a replay) is refused.
    const replay = await keysRoute.POST(req("POST", { ...body, label: "Again", code: used }), undefined);
    expect(replay.status).toBe(400);
    expect(await liveCount(plain.id)).toBe(1);
    expect(h.fake.state.requests.length).toBeGreaterThan(calls);
  });
});

describe("POST /api/exchange-keys rate limit", () => {
  it("after EXCHANGE_KEY_CHECKS_PER_HOUR checks → 429 with Retry-After; the exchange is not called, nothing stored", async () => {
    const c = await securedUser("keys-c");
    for (let i = 0; i < 8; i++)
      expect((await addKey(c, { apiSecret: `not-the-right-secret-${i}` })).status).toBe(400);
    const calls = h.fake.state.requests.length;
    const res = await addKey(c);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(3500);
    expect((await res.json()).error.message).toBe("Too many attempts. Try again in 60 minutes.");
    expect(h.fake.state.requests.length).toBe(calls);
    expect(await liveCount(c.id)).toBe(0);
    // Another user is not affected.
    expect((await addKey(a, { apiSecret: "not-the-right-secret" })).status).toBe(400);
  });
});

describe("listing, renaming, selecting, deleting", () => {
  it("lists masked accounts with the paper account first and no key material", async () => {
    as(a);
    const res = await keysRoute.GET(req("GET"), undefined);
    const text = await res.text();
    const { accounts } = JSON.parse(text);
    expect(accounts[0]).toMatchObject({
      exchange: "paper",
      label: "Paper trading",
      paperBalance: 10_000,
      usedForTrading: true,
    });
    expect(accounts[1]).toMatchObject({ exchange: "bybit", status: "active" });
    expect(text).not.toMatch(/apiKeyEnc|apiSecretEnc|permissions/);
    expect(text).not.toContain(h.key.apiSecret);
  });

  it("renames, selects for auto-trading, refuses to delete while auto-trading uses it, then deletes", async () => {
    as(a);
    const [live] = await db
      .select()
      .from(exchangeAccounts)
      .where(and(eq(exchangeAccounts.userId, a.id), eq(exchangeAccounts.exchange, "bybit")));
    const renamed = await keyRoute.PATCH(req("PATCH", { label: "  Bybit main  " }), ctx(live!.id));
    expect(renamed.status).toBe(200);
    expect((await renamed.json()).account.label).toBe("Bybit main");

    expect((await tradingRoute.PUT(req("PUT", { accountId: live!.id }), undefined)).status).toBe(200);
    await db.update(tradingSettings).set({ autoTrade: true }).where(eq(tradingSettings.userId, a.id));
    const refused = await keyRoute.DELETE(req("DELETE", { code: await code(a) }), ctx(live!.id));
    expect(refused.status).toBe(409);
    expect((await refused.json()).error.message).toMatch(/Auto-trading is using this account/);
    expect(await liveCount(a.id)).toBe(1);

    await db.update(tradingSettings).set({ autoTrade: false }).where(eq(tradingSettings.userId, a.id));
    // Removing a live key needs a current second-factor code.
    const noCode = await keyRoute.DELETE(req("DELETE"), ctx(live!.id));
    expect(noCode.status).toBe(400);
    expect((await noCode.json()).error.fields.code).toMatch(/6-digit code/);
    expect(await liveCount(a.id)).toBe(1);
    expect((await keyRoute.DELETE(req("DELETE", { code: await code(a) }), ctx(live!.id))).status).toBe(200);
    expect(await liveCount(a.id)).toBe(0);
    const [settings] = await db.select().from(tradingSettings).where(eq(tradingSettings.userId, a.id));
    expect(settings!.exchangeAccountId).toBe(a.paperAccountId);
    const actions = (await db.select().from(auditLog).where(eq(auditLog.actorId, a.id))).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        "exchange_key.add",
        "exchange_key.rename",
        "trading_account.select",
        "exchange_key.delete",
      ]),
    );
  });

  it("the paper account cannot be deleted; its reset restores the balance and is audited", async () => {
    as(a);
    expect((await keyRoute.DELETE(req("DELETE"), ctx(a.paperAccountId))).status).toBe(400);
    await db
      .update(exchangeAccounts)
      .set({ paperBalance: 1234 })
      .where(eq(exchangeAccounts.id, a.paperAccountId));
    const res = await resetRoute.POST(req("POST"), ctx(a.paperAccountId));
    expect(await res.json()).toEqual({ balance: 10_000 });
    const [acct] = await db.select().from(exchangeAccounts).where(eq(exchangeAccounts.id, a.paperAccountId));
    expect(acct!.paperBalance).toBe(10_000);
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorId, a.id), eq(auditLog.action, "paper.reset")));
    expect(entry!.metadata).toMatchObject({ previousBalance: 1234, balance: 10_000 });
  });
});

describe("tenant isolation", () => {
  it("user B listing, renaming, deleting, selecting or resetting user A's accounts gets 404 and changes nothing", async () => {
    const added = await addKey(a, { label: "A's key" });
    const { account } = await added.json();
    await db
      .update(exchangeAccounts)
      .set({ paperBalance: 777 })
      .where(eq(exchangeAccounts.id, a.paperAccountId));
    const snapshot = await db.select().from(exchangeAccounts).where(eq(exchangeAccounts.userId, a.id));
    const [bSettingsBefore] = await db.select().from(tradingSettings).where(eq(tradingSettings.userId, b.id));

    as(b);
    const list = await (await keysRoute.GET(req("GET"), undefined)).json();
    expect(list.accounts.map((x: { id: number }) => x.id)).not.toContain(account.id);
    expect(list.accounts.map((x: { id: number }) => x.id)).not.toContain(a.paperAccountId);
    for (const id of [account.id, a.paperAccountId]) {
      for (const res of [
        await keyRoute.PATCH(req("PATCH", { label: "stolen" }), ctx(id)),
        await keyRoute.DELETE(req("DELETE", { code: await code(b) }), ctx(id)),
        await tradingRoute.PUT(req("PUT", { accountId: id }), undefined),
        await resetRoute.POST(req("POST"), ctx(id)),
      ]) {
        expect(res.status).toBe(404);
        expect((await res.json()).error.message).toBe("Exchange account not found");
      }
    }
    expect((await keyRoute.PATCH(req("PATCH", { label: "x" }), ctx("abc"))).status).toBe(404);
    expect(await db.select().from(exchangeAccounts).where(eq(exchangeAccounts.userId, a.id))).toEqual(
      snapshot,
    );
    const [bSettingsAfter] = await db.select().from(tradingSettings).where(eq(tradingSettings.userId, b.id));
    expect(bSettingsAfter!.exchangeAccountId).toBe(bSettingsBefore!.exchangeAccountId);
  });

  it("signed out → 401", async () => {
    h.session.current = null;
    expect((await keysRoute.GET(req("GET"), undefined)).status).toBe(401);
  });
});
