// Binance USDⓈ-M and OKX keys end to end: POST /api/exchange-keys (the real route handler, MariaDB, the real ccxt
// clients talking to the local fakes) stores a trade-only key sealed and refuses a key that can withdraw with that
// exchange's own how-to; OKX's passphrase is required, sealed and bound to its row and used by getAdapter (its
// rotation is tested in rotate-keys.test.ts); the client-id formats map back to our ids.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const h = await vi.hoisted(async () => {
  const { startFakeBinance } = await import("../fakes/binance-usdm");
  const { startFakeOkx } = await import("../fakes/okx");
  const bn = { apiKey: "BNAPIKEY00000001", apiSecret: "bn-api-secret-000001" };
  const bnW = { apiKey: "BNWITHDRAW000001", apiSecret: "bn-withdraw-secret-01" };
  const ok = {
    apiKey: "okx-api-key-000001",
    apiSecret: "OKXAPISECRET000001",
    apiPassphrase: "My-Okx-Phrase-77",
  };
  const okW = {
    apiKey: "okx-withdraw-00001",
    apiSecret: "OKXWITHDRAW000001",
    apiPassphrase: "Other-Phrase-88",
  };
  const binance = await startFakeBinance({
    keys: {
      [bn.apiKey]: { secret: bn.apiSecret, balance: 900 },
      [bnW.apiKey]: { secret: bnW.apiSecret, withdraw: true },
    },
  });
  const okx = await startFakeOkx({
    keys: {
      [ok.apiKey]: { secret: ok.apiSecret, passphrase: ok.apiPassphrase, balance: 700 },
      [okW.apiKey]: { secret: okW.apiSecret, passphrase: okW.apiPassphrase, withdraw: true },
    },
  });
  process.env.BINANCE_API_URL = binance.url;
  process.env.OKX_API_URL = okx.url;
  process.env.EXCHANGE_TIMEOUT_MS = "2000";
  process.env.EXCHANGE_KEY_CHECKS_PER_HOUR = "50";
  return { binance, okx, bn, bnW, ok, okW, session: { current: null as null | object } };
});
vi.mock("@/lib/auth/index", () => ({ auth: async () => h.session.current }));

import { and, eq } from "drizzle-orm";
import { closeDb, db } from "@/db";
import { exchangeAccounts } from "@/db/schema";
import * as keysRoute from "@/app/api/exchange-keys/route";
import { accountKeyAad, openAccountKeys } from "@/lib/crypto/account-keys";
import { decryptSecret, encryptSecret } from "@/lib/crypto/vault";
import { binanceClientId, okxCanonicalClientId, okxClientId } from "@/lib/exchange/client-ids";
import { getAdapter, KEY_INTEGRITY_MESSAGE } from "@/lib/exchange/get-adapter";
import { closeRedis } from "@/lib/redis";
import { makeUser } from "../helpers/accounts";
import { secureUser } from "../helpers/security";

type User = Awaited<ReturnType<typeof makeUser>>;
let user: User;
let code: () => Promise<string>;

async function addKey(body: Record<string, unknown>) {
  h.session.current = {
    user: { id: String(user.id) },
    sessionVersion: user.sessionVersion,
    sessionId: user.sessionId,
  };
  const req = new Request("http://localhost/api/exchange-keys", {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": "203.0.113.7" },
    body: JSON.stringify({ label: "Live", testnet: false, code: await code(), ...body }),
  });
  const res = await keysRoute.POST(req, undefined);
  return { status: res.status, text: await res.text() };
}
const rows = (exchange: string) =>
  db
    .select()
    .from(exchangeAccounts)
    .where(and(eq(exchangeAccounts.userId, user.id), eq(exchangeAccounts.exchange, exchange)));

beforeAll(async () => {
  user = await makeUser("bn-okx");
  const sec = await secureUser(user.id);
  code = () => sec.code();
});
afterAll(async () => {
  await h.binance.close();
  await h.okx.close();
  await closeDb();
  await closeRedis();
});

describe("POST /api/exchange-keys for Binance USDⓈ-M", () => {
  it("a trade-only key is checked with Binance and stored sealed; only the hint comes back", async () => {
    const res = await addKey({ exchange: "binanceusdm", ...h.bn });
    expect(res.status).toBe(201);
    expect(res.text).not.toContain(h.bn.apiSecret);
    expect(JSON.parse(res.text).account).toMatchObject({
      exchange: "binanceusdm",
      keyHint: "BNAP…0001",
      status: "active",
    });
    const [row] = await rows("binanceusdm");
    expect(JSON.stringify(row)).not.toContain(h.bn.apiSecret);
    expect(row!.apiPassphraseEnc).toBeNull();
    expect(row!.permissions).toMatchObject({ enableFutures: true, enableWithdrawals: false });
    expect(
      openAccountKeys({ ...row!, apiKeyEnc: row!.apiKeyEnc!, apiSecretEnc: row!.apiSecretEnc! }),
    ).toEqual({
      ...h.bn,
    });
    expect(h.binance.controls.requests).toContain("GET /sapi/v1/account/apiRestrictions");
    expect(await (await getAdapter(row!.id, user.id)).getBalance()).toMatchObject({ equity: 900 });
  });

  it("a key that can withdraw is refused with Binance's how-to and nothing is stored", async () => {
    const res = await addKey({ exchange: "binanceusdm", ...h.bnW, label: "Withdraw" });
    expect(res.status).toBe(400);
    const { error } = JSON.parse(res.text);
    expect(error.message).toMatch(/can withdraw funds/);
    expect(error.message).toMatch(/Enable Withdrawals" unticked/);
    expect(await rows("binanceusdm")).toHaveLength(1);
  });

  it("a passphrase for a Binance key → 400 naming the field, Binance not asked", async () => {
    const calls = h.binance.controls.requests.length;
    const res = await addKey({ exchange: "binanceusdm", ...h.bn, apiPassphrase: "not-for-binance" });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).error.fields.apiPassphrase).toMatch(/Only OKX keys have a passphrase/);
    expect(h.binance.controls.requests.length).toBe(calls);
  });
});

describe("POST /api/exchange-keys for OKX", () => {
  it("without a passphrase → 400 naming the field; OKX is not asked and nothing is stored", async () => {
    const calls = h.okx.controls.requests.length;
    const { apiPassphrase: _p, ...noPhrase } = h.ok;
    const res = await addKey({ exchange: "okx", ...noPhrase });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).error.fields.apiPassphrase).toMatch(/Passphrase is required for OKX keys/);
    expect(h.okx.controls.requests.length).toBe(calls);
    expect(await rows("okx")).toHaveLength(0);
  });

  it("a wrong passphrase is the exchange rejecting the key; nothing stored", async () => {
    const res = await addKey({ exchange: "okx", ...h.ok, apiPassphrase: "Wrong-Phrase-00" });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).error.message).toMatch(
      /API key, secret and passphrase were copied completely/,
    );
    expect(await rows("okx")).toHaveLength(0);
  });

  it("a key that can withdraw is refused with OKX's how-to", async () => {
    const res = await addKey({ exchange: "okx", ...h.okW });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).error.message).toMatch(/leave "Withdraw" unticked/);
    expect(await rows("okx")).toHaveLength(0);
  });

  it("a trade-only key with its passphrase is stored with all three parts sealed and bound to the row", async () => {
    const res = await addKey({ exchange: "okx", ...h.ok, label: "OKX main" });
    expect(res.status).toBe(201);
    for (const s of [h.ok.apiSecret, h.ok.apiPassphrase]) expect(res.text).not.toContain(s);
    const [row] = await rows("okx");
    for (const s of [h.ok.apiSecret, h.ok.apiPassphrase, h.ok.apiKey])
      expect(JSON.stringify(row)).not.toContain(s);
    expect(decryptSecret(row!.apiPassphraseEnc!, accountKeyAad(row!.id, user.id, "apiPassphrase"))).toBe(
      h.ok.apiPassphrase,
    );
    expect(row!.permissions).toMatchObject({ perm: "read_only,trade" });
    // The worker's way in: decrypted inside getAdapter, signed with the passphrase by the real ccxt client.
    expect(await (await getAdapter(row!.id, user.id)).getBalance()).toMatchObject({ equity: 700 });
  });

  it("a passphrase copied into another row fails its integrity check and never reaches OKX", async () => {
    const [mine] = await rows("okx");
    const other = await makeUser("bn-okx-other");
    const [ins] = await db
      .insert(exchangeAccounts)
      .values({ userId: other.id, exchange: "okx", label: "Copy", keyHint: "okx-…0001" })
      .$returningId();
    // Key and secret sealed properly for the new row, the passphrase moved over from the first one.
    await db
      .update(exchangeAccounts)
      .set({
        apiKeyEnc: encryptSecret(h.ok.apiKey, accountKeyAad(ins!.id, other.id, "apiKey")),
        apiSecretEnc: encryptSecret(h.ok.apiSecret, accountKeyAad(ins!.id, other.id, "apiSecret")),
        apiPassphraseEnc: mine!.apiPassphraseEnc,
        keyVersion: 1,
      })
      .where(eq(exchangeAccounts.id, ins!.id));
    const calls = h.okx.controls.requests.length;
    await expect(getAdapter(ins!.id, other.id)).rejects.toMatchObject({
      kind: "auth",
      message: KEY_INTEGRITY_MESSAGE,
    });
    expect(h.okx.controls.requests.length).toBe(calls);
    const [after] = await db.select().from(exchangeAccounts).where(eq(exchangeAccounts.id, ins!.id));
    expect(after!.status).toBe("invalid");
    // The shared database must not keep a tampered row (key rotation in later files reads every row).
    await db.delete(exchangeAccounts).where(eq(exchangeAccounts.id, ins!.id));
  });
});

describe("client order ids", () => {
  it("OKX: alphanumeric, 29 characters, one-to-one with our ids; other ids unchanged", () => {
    for (const id of [
      "tp-0-0-o",
      "tp-1-1-c",
      "tp-2x9k-7f-o",
      `tp-${(2 ** 53 - 1).toString(36)}-${(2 ** 53 - 1).toString(36)}-c`,
    ]) {
      const sent = okxClientId(id);
      expect(sent).toMatch(/^[A-Za-z0-9]{29}$/);
      expect(okxCanonicalClientId(sent)).toBe(id);
    }
    expect(okxClientId("tp-1-2-o")).not.toBe(okxClientId("tp-1-2-c"));
    expect(okxCanonicalClientId("manual5001")).toBe("manual5001");
    expect(() => okxClientId("not-ours-and-has-dashes")).toThrow(/OKX/);
    expect(binanceClientId("tp-2x9k-7f-o")).toBe("tp-2x9k-7f-o");
    expect(() => binanceClientId("has spaces")).toThrow(/Binance/);
  });
});
