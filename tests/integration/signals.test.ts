// Signal webhooks through the real routes, the real execute worker and the paper exchange: an alert becomes a
// decision for its user alone and an order in the database; retries by id or by payload never place a second
// order; bad payloads, unknown symbols, plans without signals, auto-trading off and the wrong follow mode are
// 4xx with the reason (and a rejected row the user sees); per-source rate limits; revoked and rotated URLs;
// another user's sources and signals are out of reach; every source change is in the audit log.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  // Billing on (no Stripe call is made): plans decide whether signals are allowed.
  process.env.STRIPE_SECRET_KEY = "sk_test_signals";
});

vi.mock("@/lib/auth/session", async (importOriginal) =>
  (await import("../helpers/as-user")).sessionMock(importOriginal as never),
);

import { and, count, eq } from "drizzle-orm";
import { GET as listRoute, POST as createRoute } from "@/app/api/signal-sources/route";
import { DELETE as revokeRoute, PATCH as renameRoute } from "@/app/api/signal-sources/[id]/route";
import { POST as rotateRoute } from "@/app/api/signal-sources/[id]/rotate/route";
import { PUT as followRoute } from "@/app/api/signal-follow/route";
import { closeDb, db } from "@/db";
import {
  auditLog,
  decisions,
  orders,
  positions,
  signalClaims,
  signalSources,
  signals,
  tradingSettings,
  users,
} from "@/db/schema";
import { env } from "@/lib/env";
import { executeJobId } from "@/lib/decision/fan-out";
import { loadDecisionGroups } from "@/lib/decision/groups";
import { QUEUES } from "@/lib/queue/names";
import { getQueue } from "@/lib/queue/queues";
import { sweep } from "@/lib/recovery/sweep";
import { UNKNOWN_TOKENS_PER_MINUTE } from "@/lib/signals/receive-signal";
import { closeQueues } from "@/lib/queue/queues";
import { closeRedis, redis, rkey } from "@/lib/redis";
import { startExecuteWorker } from "@/workers/execute";
import type { Runnable } from "@/workers/types";
import { clearCandles, writeCandle } from "../helpers/accounts";
import { jsonRequest, signInAs } from "../helpers/as-user";
import { makeSignalTrader, sendSignal, tokenOf } from "../helpers/signals";

let worker: Runnable;
const PRICE = 50_000;

beforeAll(async () => {
  await clearCandles("BTCUSDT");
  // The forming candle of this minute: a fresh price for the execute job's market guard.
  await writeCandle("BTCUSDT", { t: Math.floor(Date.now() / 60_000) * 60_000, c: PRICE });
  worker = await startExecuteWorker();
});

afterAll(async () => {
  await worker.close();
  await clearCandles("BTCUSDT");
  await closeQueues();
  await closeDb();
  await closeRedis();
});

type Listed = {
  sources: { id: number; name: string; masked: string; lastUsedAt: string | null }[];
  modes: { symbol: string; mode: string; autoTrade: boolean }[];
  signals: { id: number; status: string; reason: string | null; orderStatus: string | null }[];
};
const idCtx = (id: number) => ({ params: Promise.resolve({ id: String(id) }) });

async function createSource(userId: number, name = "TradingView") {
  await signInAs(userId);
  const res = await createRoute(jsonRequest("/api/signal-sources", "POST", { name }), undefined);
  const body = (await res.json()) as { source: { id: number; masked: string }; url: string; error?: unknown };
  return { status: res.status, ...body };
}
async function list(userId: number): Promise<Listed> {
  await signInAs(userId);
  return (await (await listRoute(jsonRequest("/api/signal-sources"), undefined)).json()) as Listed;
}
const orderOf = (decisionId: number, userId: number) =>
  db.query.orders.findFirst({ where: and(eq(orders.decisionId, decisionId), eq(orders.userId, userId)) });
const settled = (decisionId: number, userId: number) =>
  expect.poll(async () => (await orderOf(decisionId, userId))?.status ?? "none", {
    timeout: 15_000,
    interval: 100,
  });
const signalRows = (userId: number) => db.select().from(signals).where(eq(signals.userId, userId));
async function ordersOf(userId: number): Promise<number> {
  const [row] = await db.select({ n: count() }).from(orders).where(eq(orders.userId, userId));
  return row!.n;
}

describe("signal webhook end to end", () => {
  it("an alert becomes the user's own decision, the execute job places the order on the paper exchange", async () => {
    const u = await makeSignalTrader("pro");
    const other = await makeSignalTrader("pro", "bystander");
    const src = await createSource(u.id);
    expect(src.status).toBe(201);
    expect(src.url).toMatch(/\/api\/signals\/[A-Za-z0-9_-]{43}$/);
    const token = tokenOf(src.url);

    const res = await sendSignal(token, {
      action: "buy",
      symbol: "BTCUSDT",
      stop_loss: 0.01,
      take_profit: 0.03,
      leverage: 2,
      id: `e2e-${u.id}`,
    });
    expect(res.status).toBe(202);
    expect(res.body.status).toBe("accepted");
    await settled(res.body.decisionId!, u.id).toBe("filled");

    const order = (await orderOf(res.body.decisionId!, u.id))!;
    expect(order).toMatchObject({
      side: "buy",
      kind: "open",
      leverage: 2,
      exchangeAccountId: u.paperAccountId,
    });
    expect(order.stopLoss).toBeCloseTo(PRICE * 0.99, -2);
    expect(order.takeProfit).toBeCloseTo(PRICE * 1.03, -2);
    const open = await db
      .select()
      .from(positions)
      .where(and(eq(positions.exchangeAccountId, u.paperAccountId), eq(positions.status, "open")));
    expect(open).toHaveLength(1);
    expect(open[0]!.side).toBe("long");

    // The decision is this user's alone: nobody else got a job, and it is marked as theirs.
    const decision = (await db.query.decisions.findFirst({ where: eq(decisions.id, res.body.decisionId!) }))!;
    expect(decision).toMatchObject({ provider: "signal", action: "buy", promptHash: `signal:u${u.id}` });
    expect(await db.select().from(orders).where(eq(orders.decisionId, decision.id))).toHaveLength(1);
    expect(await ordersOf(other.id)).toBe(0);

    // The signals page shows it with the order's status; only a hash of the token is stored.
    const seen = await list(u.id);
    expect(seen.signals[0]).toMatchObject({
      id: res.body.signalId,
      status: "accepted",
      orderStatus: "filled",
    });
    expect(seen.sources[0]!.lastUsedAt).not.toBeNull();
    const stored = (await db.query.signalSources.findFirst({ where: eq(signalSources.id, src.source.id) }))!;
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(src.source.masked).toBe(`…${token.slice(-4)}`);
  });

  it("TradingView's plain-text template works the same, and `close` flattens the position", async () => {
    const u = await makeSignalTrader("elite");
    const token = tokenOf((await createSource(u.id)).url);
    const buy = await sendSignal(token, `action=buy symbol=BTCUSDT.P id=Long-${u.id} sl=1% tp=2%`);
    expect(buy.status).toBe(202);
    await settled(buy.body.decisionId!, u.id).toBe("filled");
    const close = await sendSignal(token, `action=close symbol=BTCUSDT id=Close-${u.id}`);
    expect(close.status).toBe(202);
    await settled(close.body.decisionId!, u.id).toBe("filled");
    expect((await orderOf(close.body.decisionId!, u.id))!.kind).toBe("close");
    const open = await db
      .select()
      .from(positions)
      .where(and(eq(positions.exchangeAccountId, u.paperAccountId), eq(positions.status, "open")));
    expect(open).toHaveLength(0);
  });
});

describe("duplicates", () => {
  it("a retry with the same id never places a second order, and the answer says duplicate", async () => {
    const u = await makeSignalTrader();
    const token = tokenOf((await createSource(u.id)).url);
    const alert = { action: "buy", symbol: "BTCUSDT", id: `dup-${u.id}` };
    const [a, b] = await Promise.all([sendSignal(token, alert), sendSignal(token, alert)]);
    const statuses = [a.body.status, b.body.status].sort();
    expect(statuses).toEqual(["accepted", "duplicate"]);
    expect(a.body.signalId).toBe(b.body.signalId);
    // Even with other numbers, the same id is the same alert.
    const again = await sendSignal(token, { ...alert, stop_loss: 0.02 });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: "duplicate", signalId: a.body.signalId });
    await settled(a.body.decisionId!, u.id).toBe("filled");
    expect(await ordersOf(u.id)).toBe(1);
    expect(await signalRows(u.id)).toHaveLength(1);
  });

  it("without an id, the same body within the window is a duplicate", async () => {
    const u = await makeSignalTrader();
    const token = tokenOf((await createSource(u.id)).url);
    const body = "action=sell symbol=BTCUSDT stop_loss=0.01 take_profit=0.02";
    const first = await sendSignal(token, body);
    expect(first.status).toBe(202);
    const second = await sendSignal(token, body);
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ status: "duplicate", signalId: first.body.signalId });
    await settled(first.body.decisionId!, u.id).toBe("filled");
    expect(await ordersOf(u.id)).toBe(1);
  });
});

describe("crash safety", () => {
  it("the claim is a unique key in MySQL, not only a check", async () => {
    const u = await makeSignalTrader();
    const token = tokenOf((await createSource(u.id)).url);
    const first = await sendSignal(token, { action: "buy", symbol: "BTCUSDT", id: `uq-${u.id}` });
    const [claim] = await db
      .select()
      .from(signalClaims)
      .where(eq(signalClaims.signalId, first.body.signalId!));
    expect(claim!.claimKey).toBe(`id:uq-${u.id}`);
    await expect(
      db
        .insert(signalClaims)
        .values({ sourceId: claim!.sourceId, claimKey: claim!.claimKey, signalId: claim!.signalId }),
    ).rejects.toThrow();
    await settled(first.body.decisionId!, u.id).toBe("filled");
  });

  it("a signal decision whose execute job was lost (crash before the enqueue) is fanned out by the sweeper to its owner only", async () => {
    const u = await makeSignalTrader();
    const token = tokenOf((await createSource(u.id)).url);
    // As if the web process died right after the commit: the job never reaches the worker, no fan-out mark.
    await worker.close();
    const res = await sendSignal(token, { action: "sell", symbol: "BTCUSDT", id: `lost-${u.id}` });
    const decisionId = res.body.decisionId!;
    await getQueue(QUEUES.execute).remove(executeJobId(decisionId, u.id));
    await redis().del(rkey(`fanout:done:${decisionId}`));
    worker = await startExecuteWorker();
    const swept = await sweep(Date.now() + 6_000);
    expect(swept.refannedJobs).toBeGreaterThanOrEqual(1);
    await settled(decisionId, u.id).toBe("filled");
    expect(await db.select().from(orders).where(eq(orders.decisionId, decisionId))).toHaveLength(1);
    expect((await orderOf(decisionId, u.id))!.side).toBe("sell");
  });
});

describe("refusals", () => {
  it("bad payloads are 400 with the reason, stored as rejected, and place nothing", async () => {
    const u = await makeSignalTrader();
    const token = tokenOf((await createSource(u.id)).url);
    const cases: [unknown, RegExp][] = [
      ["{not json", /not valid JSON/],
      [{ action: "hold", symbol: "BTCUSDT" }, /Action \(action\) must be buy, sell or close/],
      [{ action: "buy" }, /Symbol \(symbol\) is required/],
      [{ action: "buy", symbol: "BTCUSDT", stop_loss: -1 }, /Stop loss \(stop_loss\) must be above 0/],
      [{ action: "buy", symbol: "BTCUSDT", leverage: 2.5 }, /Leverage \(leverage\) must be a whole number/],
      ["action=buy symbol={{ticker}}", /still holds a TradingView placeholder/],
      ["action=buy symbol=BTCUSDT stoploss=0.01", /Unknown field "stoploss"/],
      ["", /empty/],
    ];
    for (const [body, message] of cases) {
      const res = await sendSignal(token, body);
      expect(res.status, String(body)).toBe(400);
      expect(res.body.error!.message).toMatch(message);
    }
    const rows = await signalRows(u.id);
    expect(rows).toHaveLength(cases.length);
    expect(rows.every((r) => r.status === "rejected" && r.reason && r.decisionId === null)).toBe(true);
    expect(await ordersOf(u.id)).toBe(0);
    const seen = await list(u.id);
    expect(seen.signals.map((s) => s.reason)).toContain(
      'Unknown field "stoploss": use action, symbol, stop_loss, take_profit, leverage and id',
    );
  });

  it("hostile stop and target numbers are refused by the same bounds as any decision", async () => {
    const u = await makeSignalTrader();
    const token = tokenOf((await createSource(u.id)).url);
    const tight = await sendSignal(token, { action: "buy", symbol: "BTCUSDT", stop_loss: 1e-7, id: "t1" });
    expect(tight.status).toBe(422);
    expect(tight.body.error!.message).toMatch(/stop_loss 0\.000 % is tighter than the floor/);
    const far = await sendSignal(token, { action: "sell", symbol: "BTCUSDT", take_profit: 1.5, id: "t2" });
    expect(far.status).toBe(422);
    expect(far.body.error!.message).toMatch(/take_profit 150\.00 % is beyond the maximum/);
    expect(await ordersOf(u.id)).toBe(0);
    expect(
      await db
        .select()
        .from(decisions)
        .where(eq(decisions.promptHash, `signal:u${u.id}`)),
    ).toHaveLength(0);
  });

  it("an unknown symbol is 422; auto-trading off and a shared-only symbol are 409; all visible as rejected", async () => {
    const u = await makeSignalTrader();
    const token = tokenOf((await createSource(u.id)).url);
    const unknown = await sendSignal(token, { action: "buy", symbol: "DOGEUSDT" });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error!.message).toMatch(/Unknown symbol DOGEUSDT/);

    await signInAs(u.id);
    const shared = await followRoute(
      jsonRequest("/api/signal-follow", "PUT", { symbol: "BTCUSDT", mode: "shared" }),
      undefined,
    );
    expect(shared.status).toBe(200);
    const refused = await sendSignal(token, { action: "buy", symbol: "BTCUSDT", id: "m1" });
    expect(refused.status).toBe(409);
    expect(refused.body.error!.message).toMatch(/follows only the shared decisions/);

    await db
      .update(tradingSettings)
      .set({ autoTrade: false, followMode: "both" })
      .where(eq(tradingSettings.userId, u.id));
    const off = await sendSignal(token, { action: "buy", symbol: "BTCUSDT", id: "m2" });
    expect(off.status).toBe(409);
    expect(off.body.error!.message).toMatch(/Auto-trading was switched off/);

    const rows = await signalRows(u.id);
    expect(rows.map((r) => r.status)).toEqual(["rejected", "rejected", "rejected"]);
    expect(await ordersOf(u.id)).toBe(0);
  });

  it("the free plan cannot create sources or send signals; with billing off every feature is on", async () => {
    const u = await makeSignalTrader("free");
    const refused = await createSource(u.id);
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused)).toMatch(/Pro and Elite plans/);

    // A source made while on Pro keeps its URL after a downgrade, but its alerts are refused with the reason.
    await db.update(users).set({ plan: "pro" }).where(eq(users.id, u.id));
    const token = tokenOf((await createSource(u.id)).url);
    await db.update(users).set({ plan: "free" }).where(eq(users.id, u.id));
    const res = await sendSignal(token, { action: "buy", symbol: "BTCUSDT", id: "f1" });
    expect(res.status).toBe(403);
    expect(res.body.error!.message).toMatch(/part of the Pro and Elite plans \(you are on Free\)/);
    expect((await signalRows(u.id))[0]).toMatchObject({ status: "rejected" });

    const key = env.STRIPE_SECRET_KEY;
    (env as { STRIPE_SECRET_KEY?: string }).STRIPE_SECRET_KEY = undefined;
    try {
      const ok = await sendSignal(token, { action: "buy", symbol: "BTCUSDT", id: "f2" });
      expect(ok.status).toBe(202);
      await settled(ok.body.decisionId!, u.id).toBe("filled");
    } finally {
      (env as { STRIPE_SECRET_KEY?: string }).STRIPE_SECRET_KEY = key;
    }
  });

  it("each source has its own rate limit: 429 with Retry-After", async () => {
    const u = await makeSignalTrader();
    const a = tokenOf((await createSource(u.id, "A")).url);
    const b = tokenOf((await createSource(u.id, "B")).url);
    const limit = env.SIGNAL_RATE_LIMIT_PER_MINUTE;
    for (let i = 0; i < limit; i++) expect((await sendSignal(a, "bad")).status).toBe(400);
    const limited = await sendSignal(a, { action: "buy", symbol: "BTCUSDT" });
    expect(limited.status).toBe(429);
    expect(Number(limited.retryAfter)).toBeGreaterThan(0);
    expect(limited.body.error!.code).toBe("rate_limited");
    expect((await sendSignal(b, "bad")).status).toBe(400);
    // Rate-limited deliveries are not stored (a flood must not fill the table).
    expect(await signalRows(u.id)).toHaveLength(limit + 1);
  });
});

describe("follow mode", () => {
  it("signals-only users are skipped by the shared fan-out; shared and both are in it", async () => {
    const u = await makeSignalTrader();
    const inGroups = async () =>
      (await loadDecisionGroups("BTCUSDT", "builtin/indicators-v1")).some((g) => g.userIds.includes(u.id));
    expect(await inGroups()).toBe(true);
    await signInAs(u.id);
    const put = (mode: string) =>
      followRoute(jsonRequest("/api/signal-follow", "PUT", { symbol: "BTCUSDT", mode }), undefined);
    expect((await put("signals")).status).toBe(200);
    expect(await inGroups()).toBe(false);
    expect((await put("both")).status).toBe(200);
    expect(await inGroups()).toBe(true);
    expect((await put("sometimes")).status).toBe(400);
    expect((await list(u.id)).modes).toContainEqual({ symbol: "BTCUSDT", mode: "both", autoTrade: true });
  });
});

describe("source lifecycle and isolation", () => {
  it("unknown tokens are counted per IP: a scanner gets 429", async () => {
    const scanner = "203.0.113.99";
    for (let i = 0; i < UNKNOWN_TOKENS_PER_MINUTE; i++)
      expect((await sendSignal(`scan${i}`.padEnd(43, "x"), "{}", scanner)).status).toBe(404);
    const limited = await sendSignal("y".repeat(43), "{}", scanner);
    expect(limited.status).toBe(429);
    expect(Number(limited.retryAfter)).toBeGreaterThan(0);
    // Another address (TradingView's, say) is not affected.
    expect((await sendSignal("y".repeat(43), "{}", "203.0.113.100")).status).toBe(404);
  });

  it("rotated and revoked URLs answer 404; the new URL works", async () => {
    const u = await makeSignalTrader();
    const created = await createSource(u.id);
    const old = tokenOf(created.url);
    await signInAs(u.id);
    const rotated = (await (
      await rotateRoute(jsonRequest("/x", "POST"), idCtx(created.source.id))
    ).json()) as {
      url: string;
    };
    const fresh = tokenOf(rotated.url);
    expect(fresh).not.toBe(old);
    expect((await sendSignal(old, { action: "close", symbol: "BTCUSDT" })).status).toBe(404);
    expect((await sendSignal(fresh, "nonsense")).status).toBe(400);
    await signInAs(u.id);
    expect((await revokeRoute(jsonRequest("/x", "DELETE"), idCtx(created.source.id))).status).toBe(200);
    const gone = await sendSignal(fresh, { action: "close", symbol: "BTCUSDT" });
    expect(gone.status).toBe(404);
    expect(gone.body.error!.message).toMatch(/Unknown signal URL/);
    expect((await list(u.id)).sources).toHaveLength(0);
    expect((await sendSignal("x".repeat(43), "action=close symbol=BTCUSDT")).status).toBe(404);
  });

  it("user B cannot see, rename, rotate or revoke user A's sources or signals", async () => {
    const a = await makeSignalTrader("pro", "tenant-a");
    const b = await makeSignalTrader("pro", "tenant-b");
    const src = await createSource(a.id, "A's script");
    await sendSignal(tokenOf(src.url), "garbage");
    await signInAs(b.id);
    expect(
      (await renameRoute(jsonRequest("/x", "PATCH", { name: "mine" }), idCtx(src.source.id))).status,
    ).toBe(404);
    expect((await rotateRoute(jsonRequest("/x", "POST"), idCtx(src.source.id))).status).toBe(404);
    expect((await revokeRoute(jsonRequest("/x", "DELETE"), idCtx(src.source.id))).status).toBe(404);
    const seen = await list(b.id);
    expect(seen.sources).toHaveLength(0);
    expect(seen.signals).toHaveLength(0);
    const mine = await list(a.id);
    expect(mine.sources.map((s) => s.name)).toEqual(["A's script"]);
    expect(mine.signals).toHaveLength(1);
    // Nothing changed for A, and nothing was audited for B.
    const rows = await db.select().from(auditLog).where(eq(auditLog.actorId, b.id));
    expect(rows.filter((r) => r.action.startsWith("signals."))).toHaveLength(0);
  });

  it("every source change is audited, without the token", async () => {
    const u = await makeSignalTrader();
    const created = await createSource(u.id, "first");
    await signInAs(u.id);
    await renameRoute(jsonRequest("/x", "PATCH", { name: "second" }), idCtx(created.source.id));
    const rotated = (await (
      await rotateRoute(jsonRequest("/x", "POST"), idCtx(created.source.id))
    ).json()) as {
      url: string;
    };
    await followRoute(
      jsonRequest("/api/signal-follow", "PUT", { symbol: "BTCUSDT", mode: "signals" }),
      undefined,
    );
    await revokeRoute(jsonRequest("/x", "DELETE"), idCtx(created.source.id));
    const rows = await db.select().from(auditLog).where(eq(auditLog.targetUserId, u.id)).orderBy(auditLog.id);
    const actions = rows.map((r) => r.action).filter((a) => a.startsWith("signals."));
    expect(actions).toEqual([
      "signals.source.create",
      "signals.source.rename",
      "signals.source.rotate",
      "signals.follow_mode",
      "signals.source.revoke",
    ]);
    const text = JSON.stringify(rows);
    expect(text).not.toContain(tokenOf(created.url));
    expect(text).not.toContain(tokenOf(rotated.url));
    expect(rows.find((r) => r.action === "signals.follow_mode")!.metadata).toEqual({
      symbol: "BTCUSDT",
      from: "both",
      to: "signals",
    });
  });
});
