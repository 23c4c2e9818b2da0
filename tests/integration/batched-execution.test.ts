// Concurrent execute jobs share multi-row statements (lib/batch). These tests run many users at once in one
// process, so their claims, context reads, paper bookings and finishes land in the same batches, and check
// that each user still gets exactly the outcome it would get alone, against the rows in MariaDB.
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.PAPER_SLIPPAGE_BPS = "2";
});

import { and, eq, inArray, sql } from "drizzle-orm";
import { closeDb, db } from "@/db";
import {
  exchangeAccounts,
  orders,
  paperLedger,
  paperOrders,
  positions,
  tradingSettings,
  type NewOrder,
} from "@/db/schema";
import { insertRows, updateRowsById } from "@/lib/batch/bulk-sql";
import { ExchangeError } from "@/lib/exchange/types";
import { adapterForAccount } from "@/lib/exchange/get-adapter";
import { placePaperOrder } from "@/lib/exchange/paper/place-order";
import { executeForUser } from "@/lib/execution/execute";
import { claimOrderRow, finishOrder } from "@/lib/execution/record";
import { closeQueues } from "@/lib/queue/queues";
import { closeRedis } from "@/lib/redis";
import { clearCandles, writeCandle } from "../helpers/accounts";
import { makeDecision } from "../helpers/decisions";
import { createTraders } from "../helpers/traders";

const deps = { adapterFor: adapterForAccount };

beforeEach(async () => {
  await clearCandles("BTCUSDT");
  await writeCandle("BTCUSDT", { t: Date.UTC(2030, 0, 1), c: 50_000 });
});

afterAll(async () => {
  await clearCandles("BTCUSDT");
  await closeQueues();
  await closeDb();
  await closeRedis();
});

const accountOf = async (userId: number) =>
  (await db.query.exchangeAccounts.findFirst({ where: eq(exchangeAccounts.userId, userId) }))!;

describe("execute jobs batched together", () => {
  it("each of 60 concurrent users gets the outcome it would get alone, and every ledger adds up", async () => {
    const plain = await createTraders(40);
    const [picky] = await createTraders(1, { minConfidence: 0.9 });
    const [killed] = await createTraders(1);
    await db.update(tradingSettings).set({ killSwitch: true }).where(eq(tradingSettings.userId, killed!));
    const [tiny] = await createTraders(1, { balance: 20, riskLevel: "low" });
    const shorts = await createTraders(10);
    const longs = await createTraders(7);
    // Existing positions to flip and to close, opened one decision earlier.
    const sell = await makeDecision({ action: "sell" });
    const buyFirst = await makeDecision({ action: "buy" });
    await Promise.all([
      ...shorts.map((u) => executeForUser(sell.id, u, deps)),
      ...longs.map((u) => executeForUser(buyFirst.id, u, deps)),
    ]);

    const buy = await makeDecision({ action: "buy", confidence: 0.8, leverage: 5, stopLoss: 0.01 });
    const close = await makeDecision({ action: "close" });
    const jobs = [
      ...[...plain, picky!, killed!, tiny!, ...shorts].map((u) => ({ u, d: buy.id })),
      ...longs.map((u) => ({ u, d: close.id })),
    ];
    const results = await Promise.all(jobs.map(({ u, d }) => executeForUser(d, u, deps)));
    const byUser = new Map(results.map((o) => [o.userId, o]));

    // fill = 50,000 × (1 + 2 bp) = 50,010; 1 % of 10,000 at a 1 % stop → 0.2 BTC; leverage min(5, 3) = 3.
    for (const u of plain)
      expect(byUser.get(u)).toMatchObject({
        status: "filled",
        kind: "open",
        qty: 0.2,
        price: 50_010,
        leverage: 3,
      });
    expect(byUser.get(picky!)).toMatchObject({
      status: "skipped",
      reason: "Confidence 0.80 is below your minimum of 0.90.",
    });
    expect(byUser.get(killed!)).toMatchObject({ status: "skipped", reason: "Your kill switch is on." });
    expect(byUser.get(tiny!)?.reason).toMatch(/below the exchange minimum/);
    for (const u of shorts) {
      expect(byUser.get(u)).toMatchObject({ status: "filled", kind: "flip", side: "buy" });
      const open = await db.query.positions.findFirst({
        where: and(eq(positions.userId, u), eq(positions.status, "open")),
      });
      expect(open?.side).toBe("long");
    }
    for (const u of longs) {
      expect(byUser.get(u)).toMatchObject({ status: "filled", kind: "close", side: "sell", qty: 0.2 });
      const open = await db.query.positions.findFirst({
        where: and(eq(positions.userId, u), eq(positions.status, "open")),
      });
      expect(open).toBeUndefined();
    }

    // The rows in MariaDB: one final orders row per (decision, user), none pending.
    const rows = await db
      .select()
      .from(orders)
      .where(inArray(orders.decisionId, [buy.id, close.id]));
    expect(rows).toHaveLength(jobs.length);
    expect(rows.filter((r) => r.status === "pending")).toHaveLength(0);

    // Every touched account: initial + Σ ledger = balance, and Σ fee moves = −Σ paper order fees.
    for (const u of [...plain, ...shorts, ...longs]) {
      const acct = await accountOf(u);
      const [ledger] = await db
        .select({
          total: sql<string>`COALESCE(SUM(${paperLedger.amount}), 0)`,
          fees: sql<string>`COALESCE(SUM(CASE WHEN ${paperLedger.type} = 'fee' THEN ${paperLedger.amount} END), 0)`,
        })
        .from(paperLedger)
        .where(eq(paperLedger.exchangeAccountId, acct.id));
      const [fees] = await db
        .select({ fees: sql<string>`COALESCE(SUM(${paperOrders.fee}), 0)` })
        .from(paperOrders)
        .where(eq(paperOrders.exchangeAccountId, acct.id));
      expect(acct.paperInitialBalance! + Number(ledger!.total)).toBeCloseTo(acct.paperBalance!, 6);
      expect(Number(ledger!.fees)).toBeCloseTo(-Number(fees!.fees), 6);
    }
  });

  it("one bad order in a batch fails alone; the others fill and its rejection is stored", async () => {
    const users = await createTraders(5);
    const accounts = await Promise.all(users.map(accountOf));
    const tag = `b${Date.now().toString(36)}`;
    const results = await Promise.allSettled([
      ...accounts.map((a, i) =>
        placePaperOrder(a.id, { symbol: "BTCUSDT", side: "buy", qty: 0.01, clientOrderId: `${tag}-${i}` }, 2),
      ),
      // No opposite position: a reduce-only order is rejected (and the rejection is booked).
      placePaperOrder(
        accounts[0]!.id,
        { symbol: "BTCUSDT", side: "buy", qty: 0.01, clientOrderId: `${tag}-ro`, reduceOnly: true },
        2,
      ),
      // Not an account at all.
      placePaperOrder(
        999_999_999,
        { symbol: "BTCUSDT", side: "buy", qty: 0.01, clientOrderId: `${tag}-x` },
        2,
      ),
    ]);
    expect(results.slice(0, 5).map((r) => r.status)).toEqual(Array(5).fill("fulfilled"));
    const [reduceOnly, missing] = results.slice(5) as PromiseRejectedResult[];
    expect(reduceOnly!.reason).toBeInstanceOf(ExchangeError);
    expect(reduceOnly!.reason.message).toBe("Reduce-only order with no opposite position to reduce");
    expect(missing!.reason).toMatchObject({ code: "not_found" });
    const stored = await db
      .select()
      .from(paperOrders)
      .where(eq(paperOrders.clientOrderId, `${tag}-ro`));
    expect(stored).toMatchObject([
      { status: "rejected", reason: "Reduce-only order with no opposite position to reduce" },
    ]);
    // Placing the same client order id again answers from the book, not with a second order.
    const again = await placePaperOrder(
      accounts[1]!.id,
      { symbol: "BTCUSDT", side: "buy", qty: 0.05, clientOrderId: `${tag}-1` },
      2,
    );
    expect(again.qty).toBe(0.01);
    expect(
      await db.select().from(paperOrders).where(eq(paperOrders.exchangeAccountId, accounts[1]!.id)),
    ).toHaveLength(1);
  });
});

describe("finishing order rows together", () => {
  it("a reason longer than the column is cut for its own row and does not fail the rows batched with it", async () => {
    const users = await createTraders(3);
    const d = await makeDecision({ action: "buy" });
    const claimed = await Promise.all(
      users.map((u) =>
        claimOrderRow({
          userId: u,
          decisionId: d.id,
          symbol: "BTCUSDT",
          clientOrderId: `fin-${d.id}-${u}`,
          status: "pending",
          kind: "none",
        }),
      ),
    );
    const long = `Exchange said: ${"no ".repeat(300)}`;
    const finished = await Promise.all(
      claimed.map(({ order }, i) =>
        finishOrder(
          order,
          i === 1 ? { status: "failed", reason: long } : { status: "skipped", reason: "fine" },
        ),
      ),
    );
    const stored = await db.select().from(orders).where(eq(orders.decisionId, d.id));
    expect(stored.map((o) => o.status).sort()).toEqual(["failed", "skipped", "skipped"]);
    const failed = stored.find((o) => o.status === "failed")!;
    expect(failed.reason).toBe(long.slice(0, 500));
    // What finishOrder answered is what MariaDB stored.
    for (const row of stored) expect(finished.find((f) => f.id === row.id)).toEqual(row);
    // A final row is never overwritten.
    const again = await finishOrder(claimed[0]!.order, { status: "filled" });
    expect(again.status).toBe("skipped");
  });
});

describe("multi-row statements", () => {
  it("insertRows and updateRowsById store text exactly, update only rows matching the guard, and touch updated_at", async () => {
    const [u] = await createTraders(1);
    const d1 = await makeDecision({ action: "buy" });
    const d2 = await makeDecision({ action: "buy" });
    const tricky = `it's a "test" \\ with ; -- and ${"é漢"} ' OR 1=1`;
    const rows: Array<NewOrder> = [d1, d2].map((d) => ({
      userId: u!,
      decisionId: d.id,
      symbol: "BTCUSDT",
      clientOrderId: `bulk-${d.id}-${u}`,
      status: "pending",
      kind: "none",
      reason: tricky,
    }));
    await insertRows(db, orders, rows);
    const saved = await db
      .select()
      .from(orders)
      .where(inArray(orders.decisionId, [d1.id, d2.id]));
    expect(saved.map((o) => o.reason)).toEqual([tricky, tricky]);
    // The second row is final already: the guard keeps it as it is.
    const [first, second] = saved.sort((a, b) => a.id - b.id);
    await db.update(orders).set({ status: "skipped" }).where(eq(orders.id, second!.id));
    const before = await db.select().from(orders).where(eq(orders.id, first!.id));
    await new Promise((r) => setTimeout(r, 20));
    const changed = await updateRowsById(
      db,
      orders,
      [
        { id: first!.id, status: "filled", qty: 0.123456789, reason: `${tricky}!` },
        { id: second!.id, status: "failed", qty: 1, reason: "overwritten" },
      ],
      ["qty", "reason", "status"],
      eq(orders.status, "pending"),
    );
    expect(changed).toBe(1);
    const after = await db
      .select()
      .from(orders)
      .where(inArray(orders.id, [first!.id, second!.id]));
    const a = after.find((o) => o.id === first!.id)!;
    const b = after.find((o) => o.id === second!.id)!;
    expect(a).toMatchObject({ status: "filled", qty: 0.12345679, reason: `${tricky}!` });
    expect(a.updatedAt.getTime()).toBeGreaterThan(before[0]!.updatedAt.getTime());
    expect(b).toMatchObject({ status: "skipped", reason: tricky, qty: null });
  });
});
