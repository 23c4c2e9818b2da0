// Admin actions land in MySQL and the audit log: suspension ends sessions and auto-trading, settings apply on
// the next fresh read, queue retries move failed jobs back, and account views never carry key material.
import { afterAll, describe, expect, it } from "vitest";
import { Queue, QueueEvents, Worker } from "bullmq";
import { and, desc, eq } from "drizzle-orm";
import { closeDb, db } from "@/db";
import { auditLog, tradingSettings, users } from "@/db/schema";
import { listAudit, parseUserFilter } from "@/lib/admin/audit-log";
import { failedJobs, queueCounts, retryFailedJob } from "@/lib/admin/queues";
import { closeQueues } from "@/lib/queue/queues";
import { readSettingsView, settingsPatchSchema, updateSettings } from "@/lib/admin/system-settings";
import { reactivateUser, suspendUser, switchAutoTradeOff } from "@/lib/admin/user-actions";
import { getUserDetail, searchUsers } from "@/lib/admin/users";
import { AppError } from "@/lib/api/errors";
import { authorizeCredentials } from "@/lib/auth/credentials";
import { registerUser } from "@/lib/auth/register";
import { loadSessionUser } from "@/lib/auth/session-user";
import { BULL_PREFIX, producerConnection, workerConnection } from "@/lib/queue/connection";
import { QUEUES } from "@/lib/queue/names";
import { closeRedis } from "@/lib/redis";
import { getSystemSetting, setSystemSetting } from "@/lib/system/settings";
import { addLiveAccount } from "../helpers/accounts";
import { uniqueEmail } from "../helpers/db";

afterAll(async () => {
  for (const k of ["tickIntervalMinutes", "dailyTokenBudget", "model", "provider"] as const) {
    await setSystemSetting(k, null, null);
  }
  await closeQueues();
  await closeDb();
  await closeRedis();
});

async function admin() {
  const { id } = await registerUser(
    { email: uniqueEmail("adm"), password: "longenough1" },
    { role: "admin" },
  );
  return { id, ip: "10.0.0.9" };
}

async function lastAudit(action: string) {
  return db.query.auditLog.findFirst({ where: eq(auditLog.action, action), orderBy: desc(auditLog.id) });
}

describe("suspend / reactivate / auto-trade off", () => {
  it("suspension ends an active session, stops auto-trading and is audited with who, what and the target", async () => {
    const a = await admin();
    const email = uniqueEmail("victim");
    const { id } = await registerUser({ email, password: "longenough1" });
    await db.update(tradingSettings).set({ autoTrade: true }).where(eq(tradingSettings.userId, id));
    const token = await authorizeCredentials({ email, password: "longenough1" });
    expect(await loadSessionUser(token!.id, token!.sessionVersion, token!.sessionId)).not.toBeNull();

    await suspendUser(a, id, "chargeback");

    expect(await loadSessionUser(token!.id, token!.sessionVersion, token!.sessionId)).toBeNull();
    expect(await authorizeCredentials({ email, password: "longenough1" })).toBeNull();
    const row = await db.query.users.findFirst({ where: eq(users.id, id) });
    expect(row?.status).toBe("suspended");
    const ts = await db.query.tradingSettings.findFirst({ where: eq(tradingSettings.userId, id) });
    expect(ts?.autoTrade).toBe(false);
    const entry = await lastAudit("admin.user.suspend");
    expect(entry).toMatchObject({ actorId: a.id, targetUserId: id, ip: "10.0.0.9" });
    expect(entry?.metadata).toMatchObject({ email, reason: "chargeback", previousStatus: "active" });
    expect(entry?.createdAt).toBeInstanceOf(Date);

    await reactivateUser(a, id);
    expect((await db.query.users.findFirst({ where: eq(users.id, id) }))?.status).toBe("active");
    expect(await authorizeCredentials({ email, password: "longenough1" })).not.toBeNull();
    expect((await lastAudit("admin.user.reactivate"))?.targetUserId).toBe(id);
  });

  it("an admin cannot suspend themselves, and an unknown user is a 404 that writes nothing", async () => {
    const a = await admin();
    await expect(suspendUser(a, a.id)).rejects.toMatchObject({ code: "conflict" });
    await expect(suspendUser(a, 987_654_321)).rejects.toBeInstanceOf(AppError);
    const { rows } = await listAudit({ userId: a.id });
    expect(rows).toHaveLength(0);
  });

  it("auto-trade off switches every symbol off and records which were on", async () => {
    const a = await admin();
    const { id } = await registerUser({ email: uniqueEmail("auto"), password: "longenough1" });
    await db.update(tradingSettings).set({ autoTrade: true }).where(eq(tradingSettings.userId, id));
    expect(await switchAutoTradeOff(a, id)).toBe(1);
    const ts = await db.query.tradingSettings.findFirst({ where: eq(tradingSettings.userId, id) });
    expect(ts).toMatchObject({ autoTrade: false, pausedReason: "Switched off by an operator" });
    expect((await lastAudit("admin.user.auto_trade_off"))?.metadata).toMatchObject({ symbols: ["BTCUSDT"] });
  });
});

describe("user search and detail", () => {
  it("finds users by part of their email and shows accounts without key material", async () => {
    const tag = `needle${Date.now().toString(36)}`;
    const { id } = await registerUser({ email: `${tag}@example.com`, password: "longenough1" });
    await registerUser({ email: uniqueEmail("hay"), password: "longenough1" });
    const liveId = await addLiveAccount(
      id,
      { apiKey: "AbCdSECRETKEYWxYz", apiSecret: "SECRETSECRETSECRET" },
      { label: "Main" },
    );
    // Sign-up gave them a paper account; they trade on the live one.
    await db.update(tradingSettings).set({ exchangeAccountId: liveId }).where(eq(tradingSettings.userId, id));
    const { rows, total } = await searchUsers(tag.toUpperCase());
    expect(total).toBe(1);
    expect(rows[0]).toMatchObject({ id, email: `${tag}@example.com`, accountType: "live", autoTrade: false });

    const detail = await getUserDetail(id);
    expect(detail.accounts.map((a) => a.exchange).sort()).toEqual(["bybit", "paper"]);
    expect(detail.accounts.find((a) => a.exchange === "bybit")!.keyHint).toBe("AbCd…WxYz");
    const json = JSON.stringify(detail);
    expect(json).not.toContain("SECRET");
    expect(json).not.toContain("apiKeyEnc");
    await expect(getUserDetail(987_654_321)).rejects.toMatchObject({ code: "not_found" });
    // LIKE wildcards in the search are literal.
    expect((await searchUsers("%")).total).toBe(0);
  });
});

describe("system settings", () => {
  it("a change is stored, audited and returned by the next fresh read (what the next tick uses)", async () => {
    const a = await admin();
    const changed = await updateSettings(a, {
      tickIntervalMinutes: 15,
      dailyTokenBudget: 5000,
      model: "gpt-4.1-mini",
    });
    expect(changed.sort()).toEqual(["dailyTokenBudget", "model", "tickIntervalMinutes"]);
    expect(await getSystemSetting("tickIntervalMinutes")).toBe(15);
    expect(await getSystemSetting("dailyTokenBudget")).toBe(5000);
    expect((await readSettingsView()).effective).toMatchObject({
      tickIntervalMinutes: 15,
      model: "gpt-4.1-mini",
    });
    const entry = await lastAudit("admin.settings.tickIntervalMinutes");
    expect(entry).toMatchObject({ actorId: a.id, targetId: "tickIntervalMinutes" });
    expect(entry?.metadata).toMatchObject({ from: null, to: 15 });

    // Unchanged values write no audit entry; null goes back to the env default.
    expect(await updateSettings(a, { tickIntervalMinutes: 15 })).toEqual([]);
    await updateSettings(a, { tickIntervalMinutes: null });
    expect((await readSettingsView()).effective.tickIntervalMinutes).toBe(5);
  });

  it("refuses bad values and unknown symbols and changes nothing", async () => {
    const a = await admin();
    for (const bad of [
      { tickIntervalMinutes: 0 },
      { tickIntervalMinutes: 2.5 },
      { dailyTokenBudget: -1 },
      { provider: "gemini" },
      { killSwitch: "yes" },
      { other: 1 },
      {},
    ]) {
      expect(settingsPatchSchema.safeParse(bad).success).toBe(false);
    }
    await expect(updateSettings(a, { pausedSymbols: ["DOGEUSDT"] })).rejects.toMatchObject({
      code: "bad_request",
    });
    expect(await getSystemSetting("pausedSymbols")).toEqual([]);
  });
});

describe("queues", () => {
  it("shows a failed job's error and retries it back to waiting, audited", async () => {
    const a = await admin();
    const queue = new Queue(QUEUES.reconcile, { connection: producerConnection(), prefix: BULL_PREFIX });
    const events = new QueueEvents(QUEUES.reconcile, { connection: workerConnection(), prefix: BULL_PREFIX });
    await events.waitUntilReady();
    const job = await queue.add("sync", { accountId: 7 }, { jobId: "admin-retry-1" });
    const worker = new Worker(
      QUEUES.reconcile,
      async () => {
        throw new Error("exchange timed out");
      },
      { connection: workerConnection(), prefix: BULL_PREFIX },
    );
    await job.waitUntilFinished(events).catch(() => undefined);
    await worker.close();

    const counts = (await queueCounts()).find((q) => q.name === "reconcile");
    expect(counts?.failed).toBe(1);
    const failed = (await failedJobs()).find((j) => j.id === "admin-retry-1");
    expect(failed).toMatchObject({
      queue: "reconcile",
      name: "sync",
      failedReason: "exchange timed out",
      attemptsMade: 1,
    });

    await retryFailedJob(a, "reconcile", "admin-retry-1");
    expect(await (await queue.getJob("admin-retry-1"))!.getState()).toBe("waiting");
    const entry = await lastAudit("admin.queue.retry");
    expect(entry).toMatchObject({ actorId: a.id, targetId: "reconcile/admin-retry-1" });
    expect(entry?.metadata).toMatchObject({ failedReason: "exchange timed out" });
    await expect(retryFailedJob(a, "reconcile", "admin-retry-1")).rejects.toMatchObject({ code: "conflict" });
    await expect(retryFailedJob(a, "nope", "admin-retry-1")).rejects.toMatchObject({ code: "not_found" });
    await expect(retryFailedJob(a, "reconcile", "missing")).rejects.toMatchObject({ code: "not_found" });
    await queue.obliterate({ force: true });
    await queue.close();
    await events.close();
  });
});

describe("audit log", () => {
  it("filters by user (actor or target) and by action prefix", async () => {
    const a = await admin();
    const { id } = await registerUser({ email: uniqueEmail("aud"), password: "longenough1" });
    await switchAutoTradeOff(a, id);
    await suspendUser(a, id);
    const byTarget = await listAudit({ userId: id });
    expect(byTarget.rows.map((r) => r.action)).toEqual(["admin.user.suspend", "admin.user.auto_trade_off"]);
    expect(byTarget.rows[0]!.actorEmail).toMatch(/^adm\./);
    const onlySuspend = await listAudit({ userId: a.id, action: "admin.user.susp" });
    expect(onlySuspend.total).toBe(1);
    const none = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorId, id)));
    expect(none).toHaveLength(0);
  });

  it("filters by an email (whole or in part) or an id typed into one box", async () => {
    const a = await admin();
    const email = uniqueEmail("aud-mail");
    const { id } = await registerUser({ email, password: "longenough1" });
    await suspendUser(a, id);
    const byEmail = await listAudit(parseUserFilter(` ${email.toUpperCase()} `));
    expect(byEmail.rows.map((r) => [r.action, r.targetEmail])).toEqual([["admin.user.suspend", email]]);
    const byPart = await listAudit({ ...parseUserFilter(email.split("@")[0]), action: "admin.user" });
    expect(byPart.rows.map((r) => r.targetUserId)).toEqual([id]);
    expect(parseUserFilter(String(id))).toEqual({ userId: id });
    expect(parseUserFilter(`#${id}`)).toEqual({ userId: id });
    expect(parseUserFilter("  ")).toEqual({});
    expect((await listAudit(parseUserFilter("nobody-at-all-%_@x"))).total).toBe(0);
  });
});
