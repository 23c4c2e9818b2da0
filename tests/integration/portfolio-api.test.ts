// GET /api/portfolio and GET /api/decision-schedule: the selected account's equity, realised PnL (today and all
// time, from the ledger's fills net of fees), open position and last price; a live account is shown from its last
// sync (the web process never decrypts a key); another user's account is never shown.
import { afterAll, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/auth/session", async (importOriginal) =>
  (await import("../helpers/as-user")).sessionMock(importOriginal as never),
);

import { eq } from "drizzle-orm";
import { GET as getSchedule } from "@/app/api/decision-schedule/route";
import { GET as getPortfolio } from "@/app/api/portfolio/route";
import { closeDb, db } from "@/db";
import { accountSync, exchangeAccounts, fills, positions, tradingSettings } from "@/db/schema";
import { closeRedis } from "@/lib/redis";
import { clearCandles, makeUser, writeCandle } from "../helpers/accounts";
import { signInAs } from "../helpers/as-user";

afterAll(async () => {
  await closeDb();
  await closeRedis();
});

const portfolio = async () => {
  const res = await getPortfolio(new Request("http://test/api/portfolio"), undefined);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

const minute = Math.floor(Date.now() / 60_000) * 60_000;

describe("GET /api/portfolio", () => {
  it("refuses anonymous callers", async () => {
    await signInAs(null);
    expect((await portfolio()).status).toBe(401);
  });

  it("shows equity, realised PnL today and in total, and the open position at the last price", async () => {
    const a = await makeUser("pf-a");
    // (earlier files leave candles, some timed minutes ahead: this test's price is the only one)
    await clearCandles("BTCUSDT");
    await writeCandle("BTCUSDT", { t: minute, c: 101_000 });
    const base = { userId: a.id, exchangeAccountId: a.paperAccountId, symbol: "BTCUSDT", leverage: 2 };
    await db.insert(positions).values([
      {
        ...base,
        side: "long",
        qty: 0.1,
        entryPrice: 100_000,
        margin: 5_000,
        status: "open",
        openKey: `${a.paperAccountId}:BTCUSDT`,
        stopLoss: 99_000,
        takeProfit: 104_000,
        liquidationPrice: 50_500,
      },
    ]);
    // The ledger: a close today (+13 realised, 0.50 fee) and one three days ago (−5).
    const fill = {
      userId: a.id,
      exchangeAccountId: a.paperAccountId,
      symbol: "BTCUSDT",
      qty: 0.1,
      reduces: true,
    };
    await db.insert(fills).values([
      {
        ...fill,
        tradeId: `pf-${a.id}-1`,
        side: "buy",
        price: 99_870,
        fee: 0.5,
        realizedPnl: 13,
        executedAt: new Date(),
      },
      {
        ...fill,
        tradeId: `pf-${a.id}-2`,
        side: "sell",
        price: 99_950,
        fee: 0,
        realizedPnl: -5,
        executedAt: new Date(Date.now() - 3 * 86_400_000),
      },
    ]);
    await signInAs(a.id);
    const { status, body } = await portfolio();
    expect(status).toBe(200);
    expect(body).toMatchObject({
      account: { id: a.paperAccountId, exchange: "paper", label: "Paper trading" },
      symbol: "BTCUSDT",
      realizedToday: 12.5,
      realizedTotal: 7.5,
      price: 101_000,
      error: null,
      position: {
        side: "long",
        qty: 0.1,
        entryPrice: 100_000,
        leverage: 2,
        stopLoss: 99_000,
        takeProfit: 104_000,
      },
    });
    const [acct] = await db.select().from(exchangeAccounts).where(eq(exchangeAccounts.id, a.paperAccountId));
    // Equity = wallet balance + unrealised PnL (0.1 × 1,000 = 100); available = balance − open margin.
    expect(body.equity).toBeCloseTo(acct!.paperBalance! + 100, 6);
    expect(body.available).toBeCloseTo(acct!.paperBalance! - 5_000, 6);
    expect((body.position as { unrealizedPnl: number }).unrealizedPnl).toBeCloseTo(100, 6);

    // User B sees their own flat account, never A's position or PnL; pointing B's settings at A's account
    // (a tampered row) shows no account rather than A's.
    const b = await makeUser("pf-b");
    await signInAs(b.id);
    const own = await portfolio();
    expect(own.body).toMatchObject({
      account: { id: b.paperAccountId },
      position: null,
      realizedToday: 0,
      realizedTotal: 0,
    });
    await db
      .update(tradingSettings)
      .set({ exchangeAccountId: a.paperAccountId })
      .where(eq(tradingSettings.userId, b.id));
    const tampered = await portfolio();
    expect(tampered.body).toMatchObject({ account: null, equity: null, position: null, realizedTotal: 0 });
  });

  it("shows a live account from its last sync (no key is ever decrypted here), and handles no selected account", async () => {
    const c = await makeUser("pf-c");
    // A live account without any stored key: the web process could not call the exchange even if it tried.
    const [row] = await db
      .insert(exchangeAccounts)
      .values({ userId: c.id, exchange: "bybit", label: "Bybit main" })
      .$returningId();
    const id = row!.id;
    await db.update(tradingSettings).set({ exchangeAccountId: id }).where(eq(tradingSettings.userId, c.id));
    await signInAs(c.id);
    const never = await portfolio();
    expect(never.status).toBe(200);
    expect(never.body).toMatchObject({
      account: { id, exchange: "bybit" },
      equity: null,
      position: null,
      syncedAt: null,
    });
    expect(never.body.error).toMatch(/^Not synced with the exchange yet/);

    const syncedAt = new Date(Date.now() - 12_000);
    await db.insert(accountSync).values({
      exchangeAccountId: id,
      syncedAt,
      equity: 5_210.5,
      available: 4_000,
      leverage: 5,
      marginMode: "isolated",
      foreignOpenOrders: 2,
    });
    await db.insert(positions).values({
      userId: c.id,
      exchangeAccountId: id,
      symbol: "BTCUSDT",
      side: "short",
      qty: 0.05,
      entryPrice: 102_000,
      leverage: 5,
      margin: 1_020,
      status: "open",
      openKey: `${id}:BTCUSDT`,
      origin: "foreign",
    });
    const synced = await portfolio();
    expect(synced.body).toMatchObject({
      equity: 5_210.5,
      available: 4_000,
      error: null,
      syncedAt: syncedAt.toISOString(),
      position: { side: "short", qty: 0.05, origin: "foreign" },
      // Read back from the exchange, not assumed: the owner may have changed them there.
      exchangeLeverage: 5,
      marginMode: "isolated",
      foreignOpenOrders: 2,
    });
    await db
      .update(accountSync)
      .set({ lastError: "Bybit could not be reached", lastErrorAt: new Date() })
      .where(eq(accountSync.exchangeAccountId, id));
    expect((await portfolio()).body.error).toBe(
      "The exchange could not be read at the last sync: Bybit could not be reached",
    );

    await db.update(tradingSettings).set({ exchangeAccountId: null }).where(eq(tradingSettings.userId, c.id));
    expect((await portfolio()).body).toMatchObject({ account: null, equity: null, error: null });
  });
});

describe("GET /api/decision-schedule", () => {
  it("gives the next tick boundary and the deciding provider", async () => {
    const u = await makeUser("pf-sched");
    await signInAs(u.id);
    const before = Date.now();
    const res = await getSchedule(new Request("http://test/api/decision-schedule"), undefined);
    const body = (await res.json()) as {
      nextTickAt: number;
      tickIntervalMs: number;
      provider: string;
      model: string;
    };
    expect(res.status).toBe(200);
    expect(body.nextTickAt % body.tickIntervalMs).toBe(0);
    expect(body.nextTickAt).toBeGreaterThan(before);
    expect(body.nextTickAt - before).toBeLessThanOrEqual(body.tickIntervalMs);
    expect(body.provider).toBe("builtin");
    expect(body.model).toBe("indicators-v1");
    await signInAs(null);
    expect((await getSchedule(new Request("http://test/api/decision-schedule"), undefined)).status).toBe(401);
  });
});
