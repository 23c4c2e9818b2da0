// GET /api/portfolio and GET /api/decision-schedule: the selected account's equity, realised PnL (today and all
// time, from closed positions), open position and last price; an exchange failure becomes a message; another
// user's account is never shown.
import { afterAll, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/auth/session", async (importOriginal) =>
  (await import("../helpers/as-user")).sessionMock(importOriginal as never),
);

import { eq } from "drizzle-orm";
import { GET as getSchedule } from "@/app/api/decision-schedule/route";
import { GET as getPortfolio } from "@/app/api/portfolio/route";
import { closeDb, db } from "@/db";
import { exchangeAccounts, positions, tradingSettings } from "@/db/schema";
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
      {
        ...base,
        side: "short",
        qty: 0.1,
        entryPrice: 100_000,
        margin: 5_000,
        status: "closed",
        realizedPnl: 12.5,
        closedAt: new Date(),
      },
      {
        ...base,
        side: "long",
        qty: 0.1,
        entryPrice: 100_000,
        margin: 5_000,
        status: "closed",
        realizedPnl: -5,
        closedAt: new Date(Date.now() - 3 * 86_400_000),
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

  it("says the exchange is unreachable instead of failing, and handles no selected account", async () => {
    const c = await makeUser("pf-c");
    const [row] = await db
      .insert(exchangeAccounts)
      .values({ userId: c.id, exchange: "bybit", label: "Bybit main" })
      .$returningId();
    const id = row!.id;
    await db.update(tradingSettings).set({ exchangeAccountId: id }).where(eq(tradingSettings.userId, c.id));
    await signInAs(c.id);
    const broken = await portfolio();
    expect(broken.status).toBe(200);
    expect(broken.body).toMatchObject({ account: { id, exchange: "bybit" }, equity: null, position: null });
    expect(broken.body.error).toMatch(/^Exchange unreachable: /);

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
