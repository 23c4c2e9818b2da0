// Manual control through the real route handlers and the real execute worker: "Close position now" and "Stop and
// flatten" on the paper exchange, "Cancel open orders" on the fake Bybit — each once per click key, audited,
// never touching the owner's own orders, and never another user's.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/auth/session", async (importOriginal) =>
  (await import("../helpers/as-user")).sessionMock(importOriginal as never),
);

import { and, eq, like } from "drizzle-orm";
import { POST as actionRoute } from "@/app/api/trading/actions/route";
import { GET as actionStatus } from "@/app/api/trading/actions/[id]/route";
import { closeDb, db } from "@/db";
import { auditLog, orders, paperOrders, positions, tradingSettings } from "@/db/schema";
import { env } from "@/lib/env";
import { getAdapter } from "@/lib/exchange/get-adapter";
import { closeQueues } from "@/lib/queue/queues";
import { closeRedis } from "@/lib/redis";
import { startExecuteWorker } from "@/workers/execute";
import type { Runnable } from "@/workers/types";
import { startFakeBybit, type FakeBybit } from "../fakes/bybit";
import { addLiveAccount, clearCandles, makeUser, writeCandle } from "../helpers/accounts";
import { jsonRequest, signInAs } from "../helpers/as-user";

let worker: Runnable;
let fake: FakeBybit;

beforeAll(async () => {
  fake = await startFakeBybit({ price: 50_000 });
  (env as { BYBIT_API_URL?: string }).BYBIT_API_URL = fake.url;
  await clearCandles("BTCUSDT");
  await writeCandle("BTCUSDT", { t: Date.UTC(2030, 0, 1), c: 50_000 });
  worker = await startExecuteWorker();
});

afterAll(async () => {
  await worker.close();
  await fake.close();
  await clearCandles("BTCUSDT");
  await closeQueues();
  await closeDb();
  await closeRedis();
});

const post = async (body: unknown) => {
  const res = await actionRoute(jsonRequest("/api/trading/actions", "POST", body), undefined);
  return {
    status: res.status,
    body: (await res.json()) as {
      action?: { id: number; status: string; result: string | null };
      error?: { message: string };
    },
  };
};
const status = async (id: number) => {
  const res = await actionStatus(jsonRequest(`/api/trading/actions/${id}`), {
    params: Promise.resolve({ id: String(id) }),
  });
  return {
    status: res.status,
    body: (await res.json()) as { action?: { status: string; result: string | null } },
  };
};
const done = (id: number) =>
  expect.poll(async () => (await status(id)).body.action?.status, { timeout: 10_000, interval: 100 });

async function paperUserWithLong() {
  const u = await makeUser("manual");
  const ex = await getAdapter(u.paperAccountId, u.id);
  await ex.placeMarketOrder({ symbol: "BTCUSDT", side: "buy", qty: 0.02, clientOrderId: `m-open-${u.id}` });
  return u;
}

describe("manual control", () => {
  it("closes the position now, once per click key, and logs it in the trade log and the audit log", async () => {
    const u = await paperUserWithLong();
    await signInAs(u.id);
    const key = `close-${u.id}-aaaa`;
    const [first, again] = [await post({ kind: "close", key }), await post({ kind: "close", key })];
    expect(first.status).toBe(202);
    expect(again.body.action!.id).toBe(first.body.action!.id);
    await done(first.body.action!.id).toBe("done");
    expect((await status(first.body.action!.id)).body.action!.result).toMatch(/^Closed 0\.02 BTCUSDT at /);
    const open = await db
      .select()
      .from(positions)
      .where(and(eq(positions.exchangeAccountId, u.paperAccountId), eq(positions.status, "open")));
    expect(open).toHaveLength(0);
    const closes = await db
      .select()
      .from(orders)
      .where(and(eq(orders.userId, u.id), eq(orders.kind, "close")));
    expect(closes).toHaveLength(1);
    expect(closes[0]).toMatchObject({
      status: "filled",
      reason: "Closed by you from the dashboard",
      qty: 0.02,
    });
    const booked = await db
      .select()
      .from(paperOrders)
      .where(
        and(eq(paperOrders.exchangeAccountId, u.paperAccountId), like(paperOrders.clientOrderId, "tp-m%")),
      );
    expect(booked).toHaveLength(1);
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetUserId, u.id), eq(auditLog.action, "trading.manual.close")));
    expect(audits).toHaveLength(1);
    // With nothing open, a new click says so.
    const nothing = await post({ kind: "close", key: `close-${u.id}-bbbb` });
    await done(nothing.body.action!.id).toBe("done");
    expect((await status(nothing.body.action!.id)).body.action!.result).toBe(
      "No open position on BTCUSDT: nothing to close.",
    );
  });

  it("stop and flatten: the kill switch is on at once, then the position is closed", async () => {
    const u = await paperUserWithLong();
    await db.update(tradingSettings).set({ autoTrade: true }).where(eq(tradingSettings.userId, u.id));
    await signInAs(u.id);
    const res = await post({ kind: "flatten", key: `flat-${u.id}-aaaa` });
    const settings = await db.query.tradingSettings.findFirst({ where: eq(tradingSettings.userId, u.id) });
    expect(settings).toMatchObject({
      autoTrade: false,
      killSwitch: true,
      pausedReason: "You stopped auto-trading and flattened.",
    });
    await done(res.body.action!.id).toBe("done");
    const [close] = await db
      .select()
      .from(orders)
      .where(and(eq(orders.userId, u.id), eq(orders.kind, "close")));
    expect(close).toMatchObject({ status: "filled", reason: "You stopped auto-trading and flattened" });
  });

  it("cancels Tickpilot's open orders on a live account, not the owner's", async () => {
    const u = await makeUser("manual-live");
    const apiKey = `MANUALKEY${process.pid}`.padEnd(18, "0");
    fake.state.keys.set(apiKey, { secret: "manual-secret", balance: 10_000 });
    const accountId = await addLiveAccount(u.id, { apiKey, apiSecret: "manual-secret" });
    await db
      .update(tradingSettings)
      .set({ exchangeAccountId: accountId })
      .where(eq(tradingSettings.userId, u.id));
    const ex = await getAdapter(accountId, u.id);
    fake.state.partialNext = 0.5;
    const ours = await ex.placeMarketOrder({
      symbol: "BTCUSDT",
      side: "buy",
      qty: 0.02,
      clientOrderId: `tp-m1-${u.id.toString(36)}-o`,
    });
    expect(ours.status).toBe("partially_filled");
    await signInAs(u.id);
    const res = await post({ kind: "cancel", key: `cancel-${u.id}-aa` });
    await done(res.body.action!.id).toBe("done");
    expect((await status(res.body.action!.id)).body.action!.result).toBe("Cancelled 1 open order.");
    expect(fake.state.orders.get(ours.clientOrderId)!.orderStatus).toBe("PartiallyFilledCanceled");
  });

  it("refuses bad input with the reason, and never shows another user's action", async () => {
    const a = await makeUser("manual-a");
    await signInAs(a.id);
    expect((await post({ kind: "sell-everything", key: "abcdefgh" })).status).toBe(400);
    const noKey = await post({ kind: "close" });
    expect(noKey.status).toBe(400);
    expect(noKey.body.error!.message).toMatch(/key/);
    expect((await post({ kind: "close", key: "abcdefgh", symbol: "DOGEUSDT" })).status).toBe(400);
    const mine = await post({ kind: "close", key: `iso-${a.id}-aaaa` });
    const b = await makeUser("manual-b");
    await signInAs(b.id);
    expect((await status(mine.body.action!.id)).status).toBe(404);
    await signInAs(null);
    expect((await post({ kind: "close", key: "abcdefgh" })).status).toBe(401);
  });
});
