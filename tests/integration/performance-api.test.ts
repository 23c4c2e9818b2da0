// GET /api/performance: the user's own figures from their own closed paper positions since the account's last
// reset — never anyone else's — against numbers worked out by hand.
import { afterAll, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/auth/session", async (importOriginal) =>
  (await import("../helpers/as-user")).sessionMock(importOriginal as never),
);

import { GET } from "@/app/api/performance/route";
import { closeDb, db } from "@/db";
import { paperLedger, positions } from "@/db/schema";
import { closeRedis } from "@/lib/redis";
import { makeUser } from "../helpers/accounts";
import { jsonRequest, signInAs } from "../helpers/as-user";

afterAll(async () => {
  await closeDb();
  await closeRedis();
});

type Body = {
  account: { exchange: string } | null;
  performance: {
    trades: number;
    winRate: number;
    netPnl: number;
    feesPaid: number;
    maxDrawdown: number;
    returnPct: number;
    curve: { equity: number }[];
  } | null;
  trades: { net: number; exitReason: string }[];
};
const performance = async () => {
  const res = await GET(jsonRequest("/api/performance"), undefined);
  return { status: res.status, body: (await res.json()) as Body };
};

async function closedPosition(
  user: { id: number; paperAccountId: number },
  pnl: number,
  fees: number,
  at: number,
  extra = {},
) {
  await db.insert(positions).values({
    userId: user.id,
    exchangeAccountId: user.paperAccountId,
    symbol: "BTCUSDT",
    side: "long",
    qty: 0.1,
    entryPrice: 100_000,
    closePrice: 100_000 + pnl * 10,
    leverage: 1,
    margin: 10_000,
    status: "closed",
    closeReason: "take_profit",
    realizedPnl: pnl,
    fees,
    openedAt: new Date(at),
    closedAt: new Date(at + 60_000),
    ...extra,
  });
}

describe("GET /api/performance", () => {
  it("needs a session", async () => {
    await signInAs(null);
    expect((await performance()).status).toBe(401);
  });

  it("computes the figures from the user's own closed trades since the last reset", async () => {
    const a = await makeUser("perf-a");
    const b = await makeUser("perf-b");
    const t0 = Date.now() + 60_000;
    // Before a reset: not counted.
    await closedPosition(a, 5_000, 1, t0 - 3_600_000, { closeReason: "reset" });
    await db
      .insert(paperLedger)
      .values({ exchangeAccountId: a.paperAccountId, type: "reset", amount: 0, balanceAfter: 10_000 });
    // After it: +200 − 10, −300 − 10, +50 − 5 → net −75; equity 10,190 → 9,880 → 9,925.
    await closedPosition(a, 200, 10, t0);
    await closedPosition(a, -300, 10, t0 + 120_000, { closeReason: "stop_loss" });
    await closedPosition(a, 50, 5, t0 + 240_000);
    // Another user's trades never show.
    await closedPosition(b, 9_999, 1, t0);

    await signInAs(a.id);
    const { body } = await performance();
    expect(body.account?.exchange).toBe("paper");
    expect(body.performance).toMatchObject({ trades: 3, netPnl: -75, feesPaid: 25 });
    expect(body.performance!.winRate).toBeCloseTo(2 / 3, 9);
    expect(body.performance!.returnPct).toBeCloseTo(-0.0075, 9);
    expect(body.performance!.maxDrawdown).toBeCloseTo(310 / 10_190, 9);
    expect(body.performance!.curve.map((p) => p.equity)).toEqual([10_000, 10_190, 9_880, 9_925]);
    expect(body.trades.map((t) => t.net)).toEqual([45, -310, 190]);

    await signInAs(b.id);
    const other = await performance();
    expect(other.body.performance).toMatchObject({ trades: 1, netPnl: 9_998 });
  });

  it("has nothing to show without a selected account", async () => {
    const c = await makeUser("perf-c");
    const { tradingSettings } = await import("@/db/schema");
    const { eq } = await import("drizzle-orm");
    await db.update(tradingSettings).set({ exchangeAccountId: null }).where(eq(tradingSettings.userId, c.id));
    await signInAs(c.id);
    expect((await performance()).body).toEqual({ account: null, performance: null, trades: [] });
  });
});
