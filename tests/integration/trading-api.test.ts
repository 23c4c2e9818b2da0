// Settings, auto-trade, trade log and decisions APIs: validation, plan limits, audit, tenant isolation.
import { afterAll, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/auth/session", async (importOriginal) =>
  (await import("../helpers/as-user")).sessionMock(importOriginal as never),
);
vi.hoisted(() => {
  process.env.STRIPE_SECRET_KEY = "sk_test_billing_on";
});

import { and, eq, gte } from "drizzle-orm";
import { PUT as putAutoTrade } from "@/app/api/auto-trade/route";
import { GET as getDecisions } from "@/app/api/decisions/route";
import { GET as getLogs } from "@/app/api/logs/route";
import { GET as getSettingsRoute, PUT as putSettings } from "@/app/api/settings/route";
import { closeDb, db } from "@/db";
import { auditLog, decisions, orders, tradingSettings } from "@/db/schema";
import { closeRedis } from "@/lib/redis";
import { jsonRequest, signInAs } from "../helpers/as-user";
import { createTraders } from "../helpers/traders";

afterAll(async () => {
  await closeDb();
  await closeRedis();
});

const settingsOf = (userId: number) =>
  db.query.tradingSettings.findFirst({ where: eq(tradingSettings.userId, userId) });

describe("PUT /api/settings", () => {
  it("saves valid values and audits the change", async () => {
    const [a] = await createTraders(1, { plan: "pro" });
    await signInAs(a!);
    const res = await putSettings(
      jsonRequest("/api/settings", "PUT", {
        riskLevel: "high",
        maxLeverage: 8,
        minConfidence: 0.7,
        customPrompt: "Trend only",
        dailyLossLimit: 250,
      }),
      undefined,
    );
    expect(res.status).toBe(200);
    expect(await settingsOf(a!)).toMatchObject({
      riskLevel: "high",
      maxLeverage: 8,
      minConfidence: 0.7,
      customPrompt: "Trend only",
      dailyLossLimit: 250,
    });
    const entries = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorId, a!), eq(auditLog.action, "trading.settings")));
    expect(entries).toHaveLength(1);
    expect(JSON.stringify(entries[0]!.metadata)).not.toContain("Trend only");
  });

  const bad: Array<[string, unknown, string]> = [
    ["leverage 0", { maxLeverage: 0 }, "maxLeverage"],
    ["fractional leverage", { maxLeverage: 2.5 }, "maxLeverage"],
    ["confidence above 1", { minConfidence: 1.5 }, "minConfidence"],
    ["unknown risk level", { riskLevel: "yolo" }, "riskLevel"],
    ["prompt over 2,000 characters", { customPrompt: "x".repeat(2001) }, "customPrompt"],
    ["negative loss limit", { dailyLossLimit: -5 }, "dailyLossLimit"],
    ["an unknown field", { autoTrade: true }, "autoTrade"],
    ["leverage above the Free plan", { maxLeverage: 4 }, "maxLeverage"],
    ["a custom prompt on Free", { customPrompt: "Be bold" }, "customPrompt"],
  ];
  it.each(bad)("%s → 400 naming the field, nothing saved", async (_label, body, field) => {
    const [u] = await createTraders(1, { plan: "free" });
    await signInAs(u!);
    const before = await settingsOf(u!);
    const res = await putSettings(jsonRequest("/api/settings", "PUT", body), undefined);
    expect(res.status).toBe(400);
    const json = await res.json();
    expect(json.error.message).toContain(field);
    expect(await settingsOf(u!)).toEqual(before);
  });

  it("refuses leverage above the plan with the plan's name", async () => {
    const [u] = await createTraders(1, { plan: "pro" });
    await signInAs(u!);
    const res = await putSettings(jsonRequest("/api/settings", "PUT", { maxLeverage: 15 }), undefined);
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toBe(
      "maxLeverage: Max leverage can be at most 10x on the Pro plan (you entered 15x)",
    );
  });

  it("reports every bad field at once, each message naming the field's label and unit", async () => {
    const [u] = await createTraders(1, { plan: "pro" });
    await signInAs(u!);
    const before = await settingsOf(u!);
    const body = { maxLeverage: 500, minConfidence: 1.5, dailyLossLimit: 0 };
    const res = await putSettings(jsonRequest("/api/settings", "PUT", body), undefined);
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.fields).toEqual({
      maxLeverage: "Max leverage must be at most 125x",
      minConfidence: "Minimum confidence must be between 0 % and 100 % (0 to 1)",
      dailyLossLimit: "Daily loss limit must be more than 0 USDT, or empty for no limit",
    });
    // A leverage above the plan is flagged together with the other errors, not after they are fixed.
    const plan = await putSettings(
      jsonRequest("/api/settings", "PUT", { maxLeverage: 15, minConfidence: -1 }),
      undefined,
    );
    expect((await plan.json()).error.fields).toEqual({
      maxLeverage: "Max leverage can be at most 10x on the Pro plan (you entered 15x)",
      minConfidence: "Minimum confidence must be between 0 % and 100 % (0 to 1)",
    });
    expect(await settingsOf(u!)).toEqual(before);
  });

  it("signed out → 401", async () => {
    await signInAs(null);
    expect((await getSettingsRoute(jsonRequest("/api/settings"), undefined)).status).toBe(401);
    expect(
      (await putSettings(jsonRequest("/api/settings", "PUT", { riskLevel: "low" }), undefined)).status,
    ).toBe(401);
  });

  it("user B's update changes only B's settings", async () => {
    const [a, b] = await createTraders(2, { plan: "pro" });
    const beforeA = await settingsOf(a!);
    await signInAs(b!);
    expect(
      (
        await putSettings(
          jsonRequest("/api/settings", "PUT", { riskLevel: "low", maxLeverage: 2 }),
          undefined,
        )
      ).status,
    ).toBe(200);
    expect(await settingsOf(a!)).toEqual(beforeA);
    const got = await (await getSettingsRoute(jsonRequest("/api/settings"), undefined)).json();
    expect(got.settings.riskLevel).toBe("low");
  });
});

describe("PUT /api/auto-trade", () => {
  it("is refused with a clear message when no account is selected", async () => {
    const [u] = await createTraders(1);
    await db
      .update(tradingSettings)
      .set({ exchangeAccountId: null, autoTrade: false })
      .where(eq(tradingSettings.userId, u!));
    await signInAs(u!);
    const res = await putAutoTrade(jsonRequest("/api/auto-trade", "PUT", { enabled: true }), undefined);
    expect(res.status).toBe(409);
    expect((await res.json()).error.message).toMatch(/Select an exchange account/);
    expect((await settingsOf(u!))?.autoTrade).toBe(false);
  });

  it("switches off and on, audited, only for the signed-in user", async () => {
    const [a, b] = await createTraders(2);
    await signInAs(b!);
    expect(
      (await putAutoTrade(jsonRequest("/api/auto-trade", "PUT", { enabled: false }), undefined)).status,
    ).toBe(200);
    expect((await settingsOf(b!))?.autoTrade).toBe(false);
    expect((await settingsOf(a!))?.autoTrade).toBe(true);
    expect(
      (await putAutoTrade(jsonRequest("/api/auto-trade", "PUT", { enabled: true }), undefined)).status,
    ).toBe(200);
    const actions = (await db.select().from(auditLog).where(eq(auditLog.actorId, b!))).map((e) => e.action);
    expect(actions).toEqual(["trading.auto_trade_off", "trading.auto_trade_on"]);
  });

  it("switching on turns the user's own kill switch off again, audited; switching off leaves it alone", async () => {
    const [u] = await createTraders(1);
    await db
      .update(tradingSettings)
      .set({ autoTrade: false, killSwitch: true, pausedReason: "You stopped auto-trading and flattened." })
      .where(eq(tradingSettings.userId, u!));
    await signInAs(u!);
    const off = await putAutoTrade(jsonRequest("/api/auto-trade", "PUT", { enabled: false }), undefined);
    expect((await off.json()).settings).toMatchObject({ autoTrade: false, killSwitch: true });
    const on = await putAutoTrade(jsonRequest("/api/auto-trade", "PUT", { enabled: true }), undefined);
    expect(on.status).toBe(200);
    expect((await on.json()).settings).toMatchObject({
      autoTrade: true,
      killSwitch: false,
      pausedReason: null,
    });
    expect(await settingsOf(u!)).toMatchObject({ autoTrade: true, killSwitch: false, pausedReason: null });
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorId, u!), eq(auditLog.action, "trading.auto_trade_on")));
    expect(entry?.metadata).toEqual({ killSwitch: "off" });
  });

  it("rejects a non-boolean with 400", async () => {
    const [u] = await createTraders(1);
    await signInAs(u!);
    const res = await putAutoTrade(jsonRequest("/api/auto-trade", "PUT", { enabled: "yes" }), undefined);
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/enabled/);
  });
});

describe("GET /api/logs and /api/decisions", () => {
  it("lists only the user's own orders, newest first, paginated", async () => {
    const [a, b] = await createTraders(2);
    const [d] = await db
      .insert(decisions)
      .values({
        symbol: "BTCUSDT",
        tickTime: new Date(),
        groupKey: `g${a}`,
        riskLevel: "medium",
        provider: "builtin",
        model: "m",
        action: "buy",
        reason: "r",
        status: "ok",
      })
      .$returningId();
    await db.insert(orders).values(
      [1, 2, 3].map((i) => ({
        userId: a!,
        symbol: "BTCUSDT",
        clientOrderId: `t-${a}-${i}`,
        status: i === 3 ? ("partially_filled" as const) : ("filled" as const),
        qty: i / 1000,
        filledQty: i === 3 ? 0.001 : i / 1000,
        createdAt: new Date(Date.now() + i * 1000),
      })),
    );
    await db.insert(orders).values({
      userId: b!,
      decisionId: d!.id,
      symbol: "BTCUSDT",
      clientOrderId: `t-${b}-x`,
      status: "skipped",
      reason: "b's own",
    });
    await signInAs(a!);
    const page1 = await (await getLogs(jsonRequest("/api/logs?page=1&limit=2"), undefined)).json();
    expect(page1.total).toBe(3);
    expect(page1.items.map((o: { qty: number }) => o.qty)).toEqual([0.003, 0.002]);
    // A partial fill says how much of the order the exchange filled.
    expect(page1.items[0]).toMatchObject({ status: "partially_filled", qty: 0.003, filledQty: 0.001 });
    const page2 = await (await getLogs(jsonRequest("/api/logs?page=2&limit=2"), undefined)).json();
    expect(page2.items).toHaveLength(1);
    await signInAs(b!);
    const bLog = await (await getLogs(jsonRequest("/api/logs"), undefined)).json();
    expect(bLog.items.map((o: { reason: string }) => o.reason)).toEqual(["b's own"]);
    expect((await getLogs(jsonRequest("/api/logs?limit=500"), undefined)).status).toBe(400);
  });

  it("shows shared decisions of the user's risk level but never another group's custom-prompt decision", async () => {
    const [u] = await createTraders(1, { riskLevel: "low" });
    const tick = new Date(Date.UTC(2027, 0, 1));
    // (other files leave decisions at far-future ticks; the newest ten must be this test's)
    await db.delete(decisions).where(and(eq(decisions.symbol, "BTCUSDT"), gte(decisions.tickTime, tick)));
    await db.insert(decisions).values([
      {
        symbol: "BTCUSDT",
        tickTime: tick,
        groupKey: "shared-low",
        riskLevel: "low",
        provider: "builtin",
        model: "m",
        action: "buy",
        reason: "shared low",
        status: "ok",
      },
      {
        symbol: "BTCUSDT",
        tickTime: tick,
        groupKey: "custom-other",
        riskLevel: "low",
        promptHash: "abcdef0123456789",
        provider: "builtin",
        model: "m",
        action: "sell",
        reason: "someone's secret strategy",
        status: "ok",
      },
      {
        symbol: "BTCUSDT",
        tickTime: tick,
        groupKey: "shared-high",
        riskLevel: "high",
        provider: "builtin",
        model: "m",
        action: "sell",
        reason: "shared high",
        status: "ok",
      },
    ]);
    await signInAs(u!);
    const res = await (
      await getDecisions(jsonRequest("/api/decisions?symbol=BTCUSDT&limit=10"), undefined)
    ).json();
    const reasons = res.items.map((d: { reason: string }) => d.reason);
    expect(reasons).toContain("shared low");
    expect(reasons).not.toContain("someone's secret strategy");
    expect(reasons).not.toContain("shared high");
    const bad = await getDecisions(jsonRequest("/api/decisions?symbol=DOGEUSDT"), undefined);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/symbol/);
  });
});
