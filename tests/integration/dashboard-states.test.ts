// States the dashboard and the admin console show must agree with each other and with the database: the global
// kill switch reaches an open stream as a `system` event; the first-run checklist follows real state and stays
// gone once done or hidden; the status page names the provider deciding now, counts only real LLM calls and
// keeps waiting and delayed jobs apart.
import { afterAll, describe, expect, it, vi } from "vitest";

const h = vi.hoisted(() => {
  process.env.DECISION_PROVIDER = "builtin";
  return { session: { current: null as null | object } };
});
vi.mock("@/lib/auth/index", () => ({ auth: async () => h.session.current }));

import { eq } from "drizzle-orm";
import * as streamRoute from "@/app/api/stream/route";
import { PUT as putChecklist } from "@/app/api/checklist/route";
import { closeDb, db } from "@/db";
import { tradingSettings, users } from "@/db/schema";
import { queueCounts } from "@/lib/admin/queues";
import { systemStatus } from "@/lib/admin/status";
import { updateSettings as updateSystemSettings } from "@/lib/admin/system-settings";
import { getPlan } from "@/lib/billing/plans";
import { recordRecipients } from "@/lib/decision/recipients";
import { QUEUES } from "@/lib/queue/names";
import { closeQueues, getQueue } from "@/lib/queue/queues";
import { closeRedis } from "@/lib/redis";
import { setSystemSetting } from "@/lib/system/settings";
import { firstRunChecklist } from "@/lib/trading/checklist";
import { getSettings, setAutoTrade, updateSettings } from "@/lib/trading/settings";
import { jsonRequest } from "../helpers/as-user";
import { makeUser } from "../helpers/accounts";
import { makeDecision } from "../helpers/decisions";
import { readUntil } from "../helpers/sse";

afterAll(async () => {
  await setSystemSetting("killSwitch", false, null);
  await setSystemSetting("model", null, null);
  await closeQueues();
  await closeDb();
  await closeRedis();
});

const readText = async (reader: ReadableStreamDefaultReader<Uint8Array>, pattern: RegExp, ms: number) =>
  (await readUntil(reader, pattern, ms)).text;

const signIn = (u: { id: number; sessionVersion: number; sessionId: string }) => {
  h.session.current = {
    user: { id: String(u.id) },
    sessionVersion: u.sessionVersion,
    sessionId: u.sessionId,
  };
};

describe("global kill switch on the stream", () => {
  it("an admin's flip reaches an open dashboard stream as a `system` event, both ways", async () => {
    const user = await makeUser("ks-stream");
    const admin = await makeUser("ks-admin");
    await db.update(users).set({ role: "admin" }).where(eq(users.id, admin.id));
    signIn(user);
    const reader = (
      await streamRoute.GET(new Request("http://localhost/api/stream"), undefined)
    ).body!.getReader();
    expect(await readText(reader, /: connected/, 2000)).toMatch(/: connected/);

    await updateSystemSettings({ id: admin.id, ip: "127.0.0.1" }, { killSwitch: true });
    expect(await readText(reader, /event: system\ndata: .*"killSwitch":true/, 3000)).toMatch(
      /event: system\ndata: \{"type":"system","killSwitch":true\}/,
    );
    await updateSystemSettings({ id: admin.id, ip: "127.0.0.1" }, { killSwitch: false });
    expect(await readText(reader, /"killSwitch":false/, 3000)).toMatch(
      /event: system\ndata: .*"killSwitch":false/,
    );
    await reader.cancel();
  });
});

describe("first-run checklist", () => {
  const account = { label: "Paper trading", exchange: "paper" };

  it("follows real state and is stored as done once every step is", async () => {
    const user = await makeUser("checklist");
    expect(await firstRunChecklist(await getSettings(user.id), account)).toEqual({
      account,
      settingsSaved: false,
      autoTrade: false,
      firstDecisionAt: null,
    });
    await updateSettings(user.id, { riskLevel: "low" }, getPlan("free"));
    await setAutoTrade(user, true);
    expect(await firstRunChecklist(await getSettings(user.id), account)).toMatchObject({
      settingsSaved: true,
      autoTrade: true,
      firstDecisionAt: null,
    });
    // The first decision made for the user completes it: gone, and stays gone after auto-trading is off again.
    const d = await makeDecision({ action: "hold" });
    await recordRecipients(d, [user.id], false);
    expect(await firstRunChecklist(await getSettings(user.id), account)).toBeNull();
    expect((await getSettings(user.id)).checklistDoneAt).toBeInstanceOf(Date);
    await setAutoTrade(user, false);
    expect(await firstRunChecklist(await getSettings(user.id), account)).toBeNull();
  });

  it("PUT /api/checklist hides it for good; anything but { dismissed: true } is refused", async () => {
    const user = await makeUser("checklist-hide");
    signIn(user);
    const bad = await putChecklist(jsonRequest("/api/checklist", "PUT", { dismissed: false }), undefined);
    expect(bad.status).toBe(400);
    expect((await getSettings(user.id)).checklistDoneAt).toBeNull();
    const ok = await putChecklist(jsonRequest("/api/checklist", "PUT", { dismissed: true }), undefined);
    expect(ok.status).toBe(200);
    expect(await firstRunChecklist(await getSettings(user.id), account)).toBeNull();
    const other = await makeUser("checklist-other");
    const row = await db.query.tradingSettings.findFirst({ where: eq(tradingSettings.userId, other.id) });
    expect(row?.checklistDoneAt ?? null).toBeNull();
  });
});

describe("admin status figures", () => {
  it("names the provider deciding now, whatever model setting is stored", async () => {
    await setSystemSetting("model", "gpt-4o-mini", null);
    const status = await systemStatus();
    expect({ provider: status.provider, model: status.model }).toEqual({
      provider: "builtin",
      model: "indicators-v1",
    });
  });

  it("counts only calls that reached a language model", async () => {
    const before = (await systemStatus()).spend.calls;
    await makeDecision({ action: "hold", provider: "builtin", model: "indicators-v1" });
    expect((await systemStatus()).spend.calls).toBe(before);
    await makeDecision({ action: "hold", provider: "openai", model: "gpt-4o-mini", promptTokens: 900 });
    expect((await systemStatus()).spend.calls).toBe(before + 1);
  });

  it("keeps delayed jobs out of the waiting count", async () => {
    const count = async () => (await queueCounts()).find((q) => q.name === QUEUES.billing)!;
    const before = await count();
    const job = await getQueue(QUEUES.billing).add("status-test", { eventId: "x" }, { delay: 60_000 });
    try {
      const after = await count();
      expect(after.delayed).toBe(before.delayed + 1);
      expect(after.waiting).toBe(before.waiting);
    } finally {
      await job.remove();
    }
  });
});
