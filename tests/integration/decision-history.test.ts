// Decision history and the trade log's holds, read from who each decision was for (decision_recipients): a change
// of risk level or custom prompt keeps the earlier decisions in the history; holds and skips are in the trade log
// and filterable; another user's decisions and outcomes never show.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/auth/session", async (importOriginal) =>
  (await import("../helpers/as-user")).sessionMock(importOriginal as never),
);
vi.hoisted(() => {
  // Billing off: every user may use a custom prompt (a group of its own).
  process.env.STRIPE_SECRET_KEY = "";
  process.env.DECISION_PROVIDER = "builtin";
  process.env.DECISION_CANDLE_WAIT_MS = "200";
});

import { and, eq, gt, inArray } from "drizzle-orm";
import { GET as getDecisions } from "@/app/api/decisions/route";
import { GET as getLogs } from "@/app/api/logs/route";
import { PUT as putSettings } from "@/app/api/settings/route";
import { closeDb, db } from "@/db";
import { decisionRecipients, decisions, orders, tradingSettings, type Decision } from "@/db/schema";
import { pruneOldRecipients } from "@/lib/decision/prune-prompts";
import { recordRecipients } from "@/lib/decision/recipients";
import { runTick } from "@/lib/decision/run-tick";
import { closeQueues } from "@/lib/queue/queues";
import { closeRedis } from "@/lib/redis";
import { setSystemSetting } from "@/lib/system/settings";
import { jsonRequest, signInAs } from "../helpers/as-user";
import { makeDecision } from "../helpers/decisions";
import { storeCandlesForTick } from "../helpers/market";
import { createTraders } from "../helpers/traders";

const SYMBOL = "BTCUSDT";
let tick = Math.ceil(Date.now() / 300_000) * 300_000 + 5 * 86_400_000 + (process.pid % 97) * 3_600_000;
const nextTick = async () => {
  tick += 300_000;
  await storeCandlesForTick(SYMBOL, tick);
  return new Date(tick);
};

beforeAll(async () => {
  // The history fills up with the newest shared decisions of the user's level: other files' far-future ticks
  // would push this file's ticks out of it. Start from none beyond the present.
  await db.delete(decisions).where(and(eq(decisions.symbol, SYMBOL), gt(decisions.tickTime, new Date())));
});

afterAll(async () => {
  await setSystemSetting("killSwitch", false, null);
  await closeQueues();
  await closeDb();
  await closeRedis();
});

interface DecisionJson {
  id: number;
  tickTime: string;
  riskLevel: string;
  custom: boolean;
}
const history = async (userId: number): Promise<DecisionJson[]> => {
  await signInAs(userId);
  const res = await getDecisions(jsonRequest(`/api/decisions?symbol=${SYMBOL}&limit=200`), undefined);
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: DecisionJson[] }).items;
};

interface LogJson {
  total: number;
  items: { type: string; key: string; id: number; status: string; reason: string | null }[];
}
const log = async (userId: number, show?: string, page = 1, limit = 50): Promise<LogJson> => {
  await signInAs(userId);
  const q = `page=${page}&limit=${limit}${show ? `&show=${show}` : ""}`;
  const res = await getLogs(jsonRequest(`/api/logs?${q}`), undefined);
  expect(res.status).toBe(200);
  return (await res.json()) as LogJson;
};

describe("decision history", () => {
  it("keeps the decisions of the groups the user was in after a change of risk level and prompt", async () => {
    const [a] = await createTraders(1, { riskLevel: "medium", plan: "elite" });
    // B's custom group: its decision (whose reason may echo the prompt) must never reach A.
    const [b] = await createTraders(1, { riskLevel: "medium", plan: "elite", customPrompt: "B's secret" });

    const t1 = await nextTick();
    await runTick(SYMBOL, t1);
    const before = await history(a!);
    const first = before.find((d) => d.tickTime === t1.toISOString());
    expect(first).toMatchObject({ riskLevel: "medium", custom: false });

    // A switches to high risk with a custom prompt: a different group from the next tick on.
    await signInAs(a!);
    const saved = await putSettings(
      jsonRequest("/api/settings", "PUT", { riskLevel: "high", customPrompt: "Only trade strong trends" }),
      undefined,
    );
    expect(saved.status).toBe(200);
    const t2 = await nextTick();
    await runTick(SYMBOL, t2);

    const after = await history(a!);
    // The earlier decision is still there (it used to vanish), and the new one is A's own custom group's.
    expect(after.find((d) => d.tickTime === t1.toISOString())?.id).toBe(first!.id);
    expect(after.find((d) => d.tickTime === t2.toISOString())).toMatchObject({
      riskLevel: "high",
      custom: true,
    });
    // One decision per tick for A, and none of B's custom group.
    const bRows = await db
      .select({ id: decisionRecipients.decisionId })
      .from(decisionRecipients)
      .where(eq(decisionRecipients.userId, b!));
    const bCustom = await db
      .select({ id: decisions.id })
      .from(decisions)
      .where(
        and(
          inArray(
            decisions.id,
            bRows.map((r) => r.id),
          ),
          eq(decisions.riskLevel, "medium"),
        ),
      );
    const bIds = new Set(bCustom.map((d) => d.id));
    const ticks = after.map((d) => d.tickTime);
    expect(new Set(ticks).size).toBe(ticks.length);
    expect(after.filter((d) => bIds.has(d.id) && d.custom)).toEqual([]);
    // B sees its own custom decisions at both ticks, never A's.
    const bHistory = await history(b!);
    const aIds = new Set(after.filter((d) => d.custom).map((d) => d.id));
    expect(bHistory.some((d) => aIds.has(d.id))).toBe(false);
    expect(
      bHistory.filter((d) => [t1, t2].some((t) => t.toISOString() === d.tickTime)).every((d) => d.custom),
    ).toBe(true);
  });

  it("a user in no group sees the shared decision of their risk level for reference", async () => {
    const [c] = await createTraders(1, { riskLevel: "low" });
    await db.update(tradingSettings).set({ autoTrade: false }).where(eq(tradingSettings.userId, c!));
    const t = await nextTick();
    await runTick(SYMBOL, t);
    const items = await history(c!);
    expect(items.find((d) => d.tickTime === t.toISOString())).toMatchObject({
      riskLevel: "low",
      custom: false,
    });
  });
});

describe("trade log: holds and skips", () => {
  // A's log: an order that filled, one skipped below the confidence floor, two holds and one decision the kill
  // switch kept back; B's: one hold of its own.
  async function seed() {
    const [a, b] = await createTraders(2);
    const at = (n: number) => ({
      tickTime: new Date(Date.UTC(2031, 0, 1, 0, n * 5) + (process.pid % 1000) * 86_400_000),
    });
    const hold1 = await makeDecision({ action: "hold", reason: "No edge after costs", ...at(1) });
    const buy = await makeDecision({ action: "buy", ...at(2) });
    const weak = await makeDecision({ action: "sell", confidence: 0.3, ...at(3) });
    const hold2 = await makeDecision({ action: "hold", reason: "Range-bound", ...at(4) });
    const killed = await makeDecision({ action: "buy", ...at(5) });
    for (const d of [hold1, buy, weak, hold2] as Decision[]) await recordRecipients(d, [a!], false);
    await recordRecipients(killed, [a!], true);
    const bOnly = await makeDecision({ action: "hold", reason: "B's own hold", ...at(6) });
    await recordRecipients(bOnly, [b!], false);
    const order = (d: Decision, status: "filled" | "skipped", reason: string | null) => ({
      userId: a!,
      decisionId: d.id,
      symbol: SYMBOL,
      clientOrderId: `tl-${d.id}-${a}`,
      kind: status === "filled" ? ("open" as const) : ("none" as const),
      side: status === "filled" ? ("buy" as const) : null,
      qty: status === "filled" ? 0.01 : null,
      price: status === "filled" ? 100_000 : null,
      status,
      reason,
      createdAt: new Date(d.tickTime.getTime() + 1_000),
    });
    await db
      .insert(orders)
      .values([order(buy, "filled", null), order(weak, "skipped", "Confidence 30 % is below your 60 %")]);
    return { a: a!, b: b!, hold1, buy, weak, hold2, killed, bOnly };
  }

  it("lists holds with orders, newest first, and filters them", async () => {
    const s = await seed();
    const all = await log(s.a);
    expect(all.total).toBe(5);
    expect(all.items.map((i) => [i.type, i.status])).toEqual([
      ["hold", "not_sent"],
      ["hold", "hold"],
      ["order", "skipped"],
      ["order", "filled"],
      ["hold", "hold"],
    ]);
    expect(all.items[1]!.reason).toBe("Range-bound");
    expect(all.items[0]!.reason).toContain("kill switch");

    const holds = await log(s.a, "holds");
    expect(holds.total).toBe(4);
    expect(holds.items.map((i) => i.status)).toEqual(["not_sent", "hold", "skipped", "hold"]);
    const trades = await log(s.a, "trades");
    expect(trades.total).toBe(1);
    expect(trades.items.map((i) => [i.type, i.status])).toEqual([["order", "filled"]]);

    // Paginated over both kinds.
    const p2 = await log(s.a, "all", 2, 2);
    expect(p2.items.map((i) => i.key)).toEqual(all.items.slice(2, 4).map((i) => i.key));
  });

  it("never shows another user's holds or orders", async () => {
    const s = await seed();
    const mine = await log(s.b);
    expect(mine.total).toBe(1);
    expect(mine.items).toEqual([expect.objectContaining({ type: "hold", id: s.bOnly.id })]);
    for (const show of ["all", "holds", "trades"]) {
      const theirs = await log(s.a, show);
      expect(theirs.items.some((i) => i.type === "hold" && i.id === s.bOnly.id)).toBe(false);
    }
    expect((await log(s.b, "trades")).total).toBe(0);
  });

  it("refuses an unknown filter with a message naming it", async () => {
    const [u] = await createTraders(1);
    await signInAs(u!);
    const res = await getLogs(jsonRequest("/api/logs?show=everything"), undefined);
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain("show must be one of all, trades, holds");
  });

  it("a decision held back by the kill switch is recorded as not sent for every group member", async () => {
    const [u] = await createTraders(1);
    await setSystemSetting("killSwitch", true, null);
    try {
      const t = await nextTick();
      await runTick(SYMBOL, t);
      const rows = await db
        .select({ outcome: decisionRecipients.outcome, action: decisions.action })
        .from(decisionRecipients)
        .innerJoin(decisions, eq(decisions.id, decisionRecipients.decisionId))
        .where(and(eq(decisionRecipients.userId, u!), eq(decisionRecipients.tickTime, t)));
      expect(rows).toHaveLength(1);
      expect(rows[0]!.outcome).toBe(rows[0]!.action === "hold" ? "hold" : "killed");
    } finally {
      await setSystemSetting("killSwitch", false, null);
    }
  });

  it("keeps a user's received decisions HISTORY_RETENTION_DAYS and then prunes them, newest kept", async () => {
    const [u] = await createTraders(1);
    const now = Date.now();
    // Decision ids grow with creation time: an older decision, then one created two days from now.
    const older = await makeDecision({ action: "hold", reason: "Older hold" });
    const newer = await makeDecision({
      action: "hold",
      reason: "Newer hold",
      createdAt: new Date(now + 2 * 86_400_000),
    });
    await recordRecipients(older, [u!], false);
    await recordRecipients(newer, [u!], false);
    const mine = async () =>
      (
        await db
          .select({ id: decisionRecipients.decisionId })
          .from(decisionRecipients)
          .where(eq(decisionRecipients.userId, u!))
      ).map((r) => r.id);
    // 0 days keeps everything; 90 days seen from 91 days ahead drops what was created before tomorrow.
    expect(await pruneOldRecipients(now + 91 * 86_400_000, 0)).toBe(0);
    expect((await mine()).sort()).toEqual([older.id, newer.id].sort());
    expect(await pruneOldRecipients(now + 91 * 86_400_000, 90)).toBeGreaterThanOrEqual(1);
    expect(await mine()).toEqual([newer.id]);
    expect((await log(u!, "holds")).items.map((i) => i.reason)).toEqual(["Newer hold"]);
  });
});
