// Nothing stale executes: a decision older than one tick interval, or one its group has replaced, is skipped
// with the reason on the user's row; a current one trades. Also the sizing floor behind the sanity bounds.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { closeDb } from "@/db";
import { adapterForAccount } from "@/lib/exchange/get-adapter";
import { executeForUser } from "@/lib/execution/execute";
import { sizePosition } from "@/lib/execution/sizing";
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

describe("decision freshness at execution", () => {
  it("skips a decision past its expiry (one tick interval after its tick)", async () => {
    const [userId] = await createTraders(1, { minConfidence: 0 });
    const tickTime = new Date(Date.now() - 6 * 60_000);
    const decision = await makeDecision({
      action: "buy",
      tickTime,
      expiresAt: new Date(tickTime.getTime() + 300_000),
    });
    const row = await executeForUser(decision.id, userId!, deps);
    expect(row.status).toBe("skipped");
    expect(row.reason).toMatch(
      /^The decision of \d\d:\d\d UTC expired at \d\d:\d\d UTC \(one tick interval\): not executed\.$/,
    );
    expect(row.qty).toBeNull();
  });

  it("skips a decision its group already replaced, and executes the newer one", async () => {
    const [userId] = await createTraders(1, { minConfidence: 0 });
    const now = Date.now();
    const groupKey = `fresh-${process.pid}-${now}`;
    const older = await makeDecision({
      action: "buy",
      groupKey,
      tickTime: new Date(now - 60_000),
      expiresAt: new Date(now + 240_000),
    });
    const newer = await makeDecision({
      action: "buy",
      groupKey,
      tickTime: new Date(now),
      expiresAt: new Date(now + 300_000),
    });
    const skipped = await executeForUser(older.id, userId!, deps);
    expect(skipped.status).toBe("skipped");
    expect(skipped.reason).toMatch(/A newer decision replaced the one of \d\d:\d\d UTC: not executed\./);
    const filled = await executeForUser(newer.id, userId!, deps);
    expect(filled.status).toBe("filled");
    expect(filled.kind).toBe("open");
  });
});

describe("sizing floor (pure)", () => {
  it("never sizes a position on a stop tighter than 0.1 % (the 1e-7 stop that once sized 0.29 BTC on 10k)", () => {
    const limits = { minQty: 0.001, qtyStep: 0.001, minNotional: 5, maxLeverage: 100 };
    const input = {
      equity: 10_000,
      available: 10_000,
      price: 97_000,
      leverage: 10,
      riskLevel: "low" as const,
      limits,
    };
    const tiny = sizePosition({ ...input, stopFraction: 1e-7 });
    expect(tiny).toEqual({ ok: false, reason: expect.stringMatching(/below the 0\.1 % minimum/) as string });
    // At a sane stop the three risk levels size differently.
    const sizes = (["low", "medium", "high"] as const).map((riskLevel) =>
      sizePosition({ ...input, riskLevel, stopFraction: 0.005 }),
    );
    expect(sizes).toEqual([
      { ok: true, qty: 0.103 },
      { ok: true, qty: 0.206 },
      { ok: true, qty: 0.412 },
    ]);
  });
});
