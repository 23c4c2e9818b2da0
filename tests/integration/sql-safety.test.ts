// The database layer's safety around hand-built SQL: every pooled connection pins its sql_mode (backslash escapes
// on, strict), the multi-row writer round-trips quotes, backslashes and `?` next to bound parameters and refuses
// non-finite numbers, and the plan's exchange-account limit holds under concurrent requests.
import { afterAll, describe, expect, it, vi } from "vitest";

const h = await vi.hoisted(async () => {
  const { startFakeBybit } = await import("../fakes/bybit");
  const keys = Object.fromEntries(
    Array.from({ length: 8 }, (_, i) => [
      `RACEKEY${i}`.padEnd(16, "0"),
      { secret: `race-secret-${i}`, balance: 100 },
    ]),
  );
  const fake = await startFakeBybit({ keys });
  process.env.BYBIT_API_URL = fake.url;
  return { fake, keys: Object.entries(keys) };
});

import { and, count, eq, ne, sql } from "drizzle-orm";
import { closeDb, db, pool } from "@/db";
import { SQL_MODE } from "@/db/session";
import { auditLog, exchangeAccounts, positions } from "@/db/schema";
import { createLiveAccount } from "@/lib/accounts/manage-accounts";
import { AppError } from "@/lib/api/errors";
import { effectivePlan } from "@/lib/billing/effective-plan";
import { insertRows, updateRowsById } from "@/lib/batch/bulk-sql";
import { loadSessionUser } from "@/lib/auth/session-user";
import { closeRedis } from "@/lib/redis";
import { makeUser } from "../helpers/accounts";

afterAll(async () => {
  await h.fake.close();
  await closeDb();
  await closeRedis();
});

describe("sql_mode", () => {
  it("every pooled connection runs with the pinned mode, never NO_BACKSLASH_ESCAPES", async () => {
    const conns = await Promise.all([pool.getConnection(), pool.getConnection(), pool.getConnection()]);
    try {
      for (const conn of conns) {
        const [rows] = await conn.query("SELECT @@SESSION.sql_mode AS mode");
        const mode = (rows as Array<{ mode: string }>)[0]!.mode;
        expect(mode).toBe(SQL_MODE);
        expect(mode).not.toContain("NO_BACKSLASH_ESCAPES");
      }
    } finally {
      for (const conn of conns) conn.release();
    }
  });
});

describe("the multi-row writer", () => {
  const nasty = [
    `it's`,
    `back\\slash`,
    `\\' OR 1=1 -- `,
    `what? and ?? and '?'`,
    `"double" \`tick\` \n newline \0 nul`,
    `ünïcode ✓ 𝄞`,
  ];

  it("round-trips quotes, backslashes and ? in text next to bound parameters", async () => {
    const marker = `sqlsafe-${Date.now()}`;
    await insertRows(
      db,
      auditLog,
      nasty.map((text) => ({ action: marker, targetType: "text", targetId: "x", metadata: { text } })),
    );
    const rows = await db.select().from(auditLog).where(eq(auditLog.action, marker)).orderBy(auditLog.id);
    expect(rows.map((r) => (r.metadata as { text: string }).text)).toEqual(nasty);
    // Update each row's text by id, guarded by a bound parameter in the WHERE clause.
    const changed = await updateRowsById(
      db,
      auditLog,
      rows.map((r, i) => ({ id: r.id, targetId: nasty[i]!.slice(0, 60) })),
      ["targetId"],
      and(eq(auditLog.action, marker), eq(auditLog.targetType, "text")),
    );
    expect(changed).toBe(nasty.length);
    const after = await db.select().from(auditLog).where(eq(auditLog.action, marker)).orderBy(auditLog.id);
    expect(after.map((r) => r.targetId)).toEqual(nasty.map((t) => t.slice(0, 60)));
    const [{ n }] = (await db
      .select({ n: count() })
      .from(auditLog)
      .where(sql`${auditLog.action} = ${marker}`)) as [{ n: number }];
    expect(n).toBe(nasty.length);
  });

  it.each([NaN, Infinity, -Infinity])("refuses %s instead of writing it", async (bad) => {
    const user = await makeUser("nan");
    const before = await db.select({ n: count() }).from(positions).where(eq(positions.userId, user.id));
    await expect(
      insertRows(db, positions, [
        {
          userId: user.id,
          exchangeAccountId: user.paperAccountId,
          symbol: "BTCUSDT",
          side: "long",
          qty: bad,
          entryPrice: 100,
          leverage: 1,
          margin: 100,
          status: "open",
        },
      ]),
    ).rejects.toThrow(/not a number the database can store/);
    const after = await db.select({ n: count() }).from(positions).where(eq(positions.userId, user.id));
    expect(after).toEqual(before);
  });
});

describe("the plan's exchange-account limit", () => {
  it("holds under concurrent requests: eight parallel adds never store more than the plan allows", async () => {
    const base = await makeUser("race");
    const user = (await loadSessionUser(String(base.id), base.sessionVersion, base.sessionId))!;
    // (Without Stripe every plan feature is on: the limit is the top plan's.)
    const limit = effectivePlan(user.plan).maxLiveAccounts;
    expect(limit).toBeGreaterThan(0);
    expect(limit).toBeLessThan(h.keys.length);
    const results = await Promise.allSettled(
      h.keys.map(([apiKey, { secret }], i) =>
        createLiveAccount(
          user,
          { exchange: "bybit", label: `race ${i}`, apiKey, apiSecret: secret, testnet: false },
          "127.0.0.1",
        ),
      ),
    );
    const ok = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter(
      (r): r is PromiseRejectedResult =>
        r.status === "rejected" && r.reason instanceof AppError && r.reason.code === "forbidden",
    );
    expect(ok).toHaveLength(limit);
    expect(refused).toHaveLength(h.keys.length - limit);
    const [live] = await db
      .select({ n: count() })
      .from(exchangeAccounts)
      .where(and(eq(exchangeAccounts.userId, user.id), ne(exchangeAccounts.exchange, "paper")));
    expect(live!.n).toBe(limit);
  });
});
