// Notifications end to end against real MySQL, Redis and BullMQ, a real SMTP server in-process, a local fake of
// the Telegram Bot API and a local webhook receiver: every channel delivers, a retry never sends twice,
// preferences and defaults decide, the Telegram deep link links a chat, webhook signatures verify with the recipe
// in docs/notifications.md, private addresses are refused (at save and at send), 500s are retried with backoff,
// one chat gets at most one message a second, the daily summary reads real rows, and tenants stay apart.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const h = await vi.hoisted(async () => {
  const { startSmtpServer } = await import("../helpers/smtp");
  const { startFakeTelegram } = await import("../fakes/telegram");
  const smtp = await startSmtpServer();
  const telegram = await startFakeTelegram();
  Object.assign(process.env, {
    SMTP_URL: smtp.url,
    TELEGRAM_BOT_TOKEN: telegram.token,
    TELEGRAM_BOT_USERNAME: "tickpilot_test_bot",
    TELEGRAM_API_URL: telegram.url,
    TELEGRAM_WEBHOOK_SECRET: "test-telegram-secret-0123456789",
    NOTIFY_RETRY_BASE_MS: "300",
    NOTIFY_ATTEMPTS: "4",
  });
  return { smtp, telegram };
});
vi.mock("@/lib/auth/session", async (importOriginal) =>
  (await import("../helpers/as-user")).sessionMock(importOriginal as never),
);

import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { GET as listRoute } from "@/app/api/notifications/route";
import { POST as readRoute } from "@/app/api/notifications/read/route";
import { GET as getPrefsRoute, PUT as putPrefsRoute } from "@/app/api/notifications/preferences/route";
import { POST as linkRoute } from "@/app/api/notifications/telegram/route";
import { PUT as putWebhookRoute } from "@/app/api/notifications/webhook/route";
import { POST as telegramWebhookRoute } from "@/app/api/telegram/webhook/route";
import { closeDb, db } from "@/db";
import { fills, notificationDeliveries, notifications, orders, tradingSettings } from "@/db/schema";
import { env } from "@/lib/env";
import { adapterForAccount, getAdapter } from "@/lib/exchange/get-adapter";
import { applyCandleToPaperPositions } from "@/lib/exchange/paper/apply-candle";
import { enforceDailyLossLimit } from "@/lib/execution/daily-loss";
import { executeForUser } from "@/lib/execution/execute";
import { closeMail } from "@/lib/mail/send-mail";
import { sendOne } from "@/lib/notify/dispatch";
import { eventKey, utcHour, type NotifyEvent } from "@/lib/notify/events";
import { orderEvents } from "@/lib/notify/hooks";
import { notify } from "@/lib/notify/notify";
import { loadPrefs, setPref } from "@/lib/notify/prefs";
import { scanDailySummaries } from "@/lib/notify/summary";
import { closeQueues } from "@/lib/queue/queues";
import { closeRedis } from "@/lib/redis";
import { startNotifyWorker } from "@/workers/notify";
import type { Runnable } from "@/workers/types";
import { addLiveAccount, clearCandles, makeUser, writeCandle } from "../helpers/accounts";
import { createTraders } from "../helpers/traders";
import { startFakeBybit } from "../fakes/bybit";
import { makeDecision } from "../helpers/decisions";
import { jsonRequest, signInAs } from "../helpers/as-user";
import { startWebhookReceiver } from "../helpers/webhook-receiver";

type User = Awaited<ReturnType<typeof makeUser>>;
let worker: Runnable;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let chatCounter = 7_000_000 + (process.pid % 100_000);

beforeAll(async () => {
  worker = await startNotifyWorker();
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  env.NOTIFY_ALLOW_PRIVATE_WEBHOOKS = false;
  await worker.close();
  await receiver.close();
  closeMail();
  await h.smtp.close();
  await h.telegram.close();
  await closeQueues();
  await closeDb();
  await closeRedis();
});

let orderCounter = 0;
/** A trade-log row of the user's paper account, as the paper exchange or execute would write it. */
async function orderRow(user: User, values: Partial<typeof orders.$inferInsert> = {}): Promise<number> {
  orderCounter += 1;
  const [row] = await db
    .insert(orders)
    .values({
      userId: user.id,
      exchangeAccountId: user.paperAccountId,
      symbol: "BTCUSDT",
      clientOrderId: `nt-${process.pid}-${Date.now().toString(36)}-${orderCounter}`,
      kind: "stop_loss",
      side: "sell",
      qty: 0.01,
      price: 95_000,
      status: "filled",
      fee: 0.52,
      realizedPnl: -12.3,
      ...values,
    })
    .$returningId();
  return row!.id;
}

const exitOf = async (user: User): Promise<NotifyEvent> => ({
  type: "exit",
  userId: user.id,
  orderId: await orderRow(user),
});
const inApp = (userId: number) => db.select().from(notifications).where(eq(notifications.userId, userId));
const deliveries = (userId: number) =>
  db.select().from(notificationDeliveries).where(eq(notificationDeliveries.userId, userId));
const mailsTo = (email: string) => h.smtp.to(email).filter((m) => !/Confirm your email/.test(m.subject));
const put = (url: string, body: unknown) => jsonRequest(url, "PUT", body);

async function linkTelegram(user: User): Promise<number> {
  await signInAs(user.id);
  const res = await linkRoute(jsonRequest("/api/notifications/telegram", "POST"));
  expect(res.status).toBe(200);
  const { url } = (await res.json()) as { url: string };
  const token = new URL(url).searchParams.get("start")!;
  const chatId = (chatCounter += 1);
  const update = {
    update_id: chatId,
    message: { text: `/start ${token}`, chat: { id: chatId, type: "private" } },
  };
  const answer = await telegramWebhookRoute(
    new Request("http://localhost/api/telegram/webhook", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-telegram-bot-api-secret-token": env.TELEGRAM_WEBHOOK_SECRET!,
      },
      body: JSON.stringify(update),
    }),
  );
  expect(await answer.json()).toMatchObject({ result: "linked" });
  return chatId;
}

describe("defaults and preferences", () => {
  it("has exits, failures, limits and key problems on and every-order messages off", async () => {
    const user = await makeUser("ntdef");
    const prefs = await loadPrefs(user.id);
    for (const e of ["exit", "order_failed", "loss_limit", "key_rejected", "auto_trade_off"] as const)
      expect(prefs[e]).toEqual({ inapp: true, email: true, telegram: true, webhook: true });
    expect(prefs.order_filled.email).toBe(false);
    expect(prefs.order_skipped.inapp).toBe(false);
    // Filled and skipped orders are not even enqueued for a user who did not opt in; a failure is.
    const filled = await orderRow(user, { kind: "open", status: "filled" });
    const failed = await orderRow(user, { kind: "open", status: "failed", reason: "Insufficient margin" });
    const events = await orderEvents([
      { id: filled, userId: user.id, status: "filled" },
      { id: failed, userId: user.id, status: "failed" },
    ]);
    expect(events).toEqual([{ type: "order", userId: user.id, orderId: failed }]);
  });

  it("an exit reaches the app and email by default; switching email off keeps it in the app only", async () => {
    const user = await makeUser("ntpref");
    await notify(await exitOf(user));
    await expect.poll(() => mailsTo(user.email).length, { timeout: 10_000 }).toBe(1);
    const mail = mailsTo(user.email)[0]!;
    expect(mail.subject).toBe("Stop loss hit on BTCUSDT");
    expect(mail.text).toContain("0.01 BTCUSDT closed at 95000");
    expect(mail.text).toContain("12.30 USDT");
    expect((await inApp(user.id)).map((n) => n.title)).toEqual(["Stop loss hit on BTCUSDT"]);

    await signInAs(user.id);
    const res = await putPrefsRoute(
      put("/api/notifications/preferences", { event: "exit", channel: "email", enabled: false }),
    );
    expect(res.status).toBe(200);
    expect(((await res.json()) as { prefs: { exit: { email: boolean } } }).prefs.exit.email).toBe(false);
    await notify(await exitOf(user));
    await expect.poll(async () => (await inApp(user.id)).length, { timeout: 10_000 }).toBe(2);
    await new Promise((r) => setTimeout(r, 500));
    expect(mailsTo(user.email)).toHaveLength(1);
  });

  it("refuses a bad preference with the field's label, changing nothing", async () => {
    const user = await makeUser("ntbad");
    await signInAs(user.id);
    const res = await putPrefsRoute(put("/api/notifications/preferences", { summaryHour: 24 }));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain("Summary hour");
    const ok = await getPrefsRoute(jsonRequest("/api/notifications/preferences"));
    expect(((await ok.json()) as { summaryHour: number | null }).summaryHour).toBeNull();
  });
});

describe("idempotence", () => {
  it("a retried send or a second notify of the same event sends nothing more", async () => {
    const user = await makeUser("ntonce");
    const event = await exitOf(user);
    await notify(event);
    await expect.poll(() => mailsTo(user.email).length, { timeout: 10_000 }).toBe(1);
    await expect
      .poll(async () => (await deliveries(user.id)).map((d) => d.status), { timeout: 5000 })
      .toEqual(["sent"]);
    // The same job run again (a retry after a lost acknowledgement) and the hook firing again.
    expect(await sendOne({ event, channel: "email" })).toBe("already-sent");
    await notify(event);
    await new Promise((r) => setTimeout(r, 800));
    expect(mailsTo(user.email)).toHaveLength(1);
    expect(await inApp(user.id)).toHaveLength(1);
    expect(await deliveries(user.id)).toHaveLength(1);
  });
});

describe("Telegram", () => {
  it("links a chat with the one-time deep link, delivers to it, and refuses a bad secret or a used token", async () => {
    const user = await makeUser("nttg");
    await signInAs(user.id);
    const bad = await telegramWebhookRoute(
      new Request("http://localhost/api/telegram/webhook", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-telegram-bot-api-secret-token": "wrong-secret-000000",
        },
        body: JSON.stringify({ update_id: 1 }),
      }),
    );
    expect(bad.status).toBe(401);

    const res = await linkRoute(jsonRequest("/api/notifications/telegram", "POST"));
    const { url } = (await res.json()) as { url: string };
    expect(url).toMatch(/^https:\/\/t\.me\/tickpilot_test_bot\?start=[A-Za-z0-9_-]{16,64}$/);
    const token = new URL(url).searchParams.get("start")!;
    const chatId = (chatCounter += 1);
    const send = () =>
      telegramWebhookRoute(
        new Request("http://localhost/api/telegram/webhook", {
          method: "POST",
          headers: { "x-telegram-bot-api-secret-token": env.TELEGRAM_WEBHOOK_SECRET! },
          body: JSON.stringify({
            update_id: 5,
            message: {
              text: `/start ${token}`,
              chat: { id: chatId, type: "private" },
              from: { username: "ann" },
            },
          }),
        }),
      );
    expect(await (await send()).json()).toMatchObject({ result: "linked" });
    expect(h.telegram.to(chatId)[0]!.text).toContain("now gets your Tickpilot notifications");
    const view = (await (await getPrefsRoute(jsonRequest("/api/notifications/preferences"))).json()) as {
      telegram: { linked: boolean; username: string };
    };
    expect(view.telegram).toMatchObject({ linked: true, username: "ann" });
    expect(JSON.stringify(view)).not.toContain(String(chatId));
    // The token worked once.
    expect(await (await send()).json()).toMatchObject({ result: "invalid" });

    await notify(await exitOf(user));
    await expect.poll(() => h.telegram.to(chatId).length, { timeout: 10_000 }).toBe(3);
    expect(h.telegram.to(chatId)[2]!.text).toContain("Stop loss hit on BTCUSDT");
  });

  it("sends at most one message a second to one chat", async () => {
    const user = await makeUser("nttgrate");
    const chatId = await linkTelegram(user);
    const before = h.telegram.to(chatId).length;
    await notify(await exitOf(user), await exitOf(user), await exitOf(user));
    await expect.poll(() => h.telegram.to(chatId).length - before, { timeout: 15_000 }).toBe(3);
    const times = h.telegram
      .to(chatId)
      .slice(before)
      .map((m) => m.at);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(950);
  });

  it("unlinks a chat that blocked the bot, without retrying", async () => {
    const user = await makeUser("nttgblock");
    const chatId = await linkTelegram(user);
    h.telegram.block(chatId);
    await notify(await exitOf(user));
    await expect
      .poll(async () => (await deliveries(user.id)).find((d) => d.channel === "telegram")?.status, {
        timeout: 10_000,
      })
      .toBe("failed");
    const row = (await deliveries(user.id)).find((d) => d.channel === "telegram")!;
    expect(row).toMatchObject({ attempts: 1 });
    expect(row.error).toContain("blocked");
    const view = (await (await getPrefsRoute(jsonRequest("/api/notifications/preferences"))).json()) as {
      telegram: { linked: boolean };
    };
    expect(view.telegram.linked).toBe(false);
  });

  it("never puts an exchange's secret into a message", async () => {
    const user = await makeUser("nttgsecret");
    const chatId = await linkTelegram(user);
    const orderId = await orderRow(user, {
      kind: "open",
      status: "failed",
      reason:
        "bybit POST https://api.bybit.com/v5/order/create?api_key=AbCdEf123456&sign=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 api_secret: hunter2hunter2",
    });
    await notify({ type: "order", userId: user.id, orderId });
    await expect.poll(() => h.telegram.to(chatId).length, { timeout: 10_000 }).toBe(2);
    const text = h.telegram.to(chatId)[1]!.text;
    expect(text).toContain("Order failed on BTCUSDT");
    expect(text).toContain("https://api.bybit.com/v5/order/create");
    for (const secret of ["AbCdEf123456", "9f86d08188", "hunter2", "api_key="])
      expect(text).not.toContain(secret);
  });
});

/** The verification function of docs/notifications.md, loaded from the doc itself. */
async function docRecipe(): Promise<(raw: string, header: string, secret: string) => boolean> {
  const md = readFileSync(path.resolve(import.meta.dirname, "../../docs/notifications.md"), "utf8");
  const code = /```js\n([\s\S]*?)```/.exec(md)![1]!;
  const file = path.join(mkdtempSync(path.join(tmpdir(), "tp-recipe-")), "verify.mjs");
  writeFileSync(file, code);
  return ((await import(file)) as { verifyTickpilotSignature: (r: string, h: string, s: string) => boolean })
    .verifyTickpilotSignature;
}

describe("signed webhooks", () => {
  it("refuses loopback, private, link-local and names resolving to loopback, naming the reason", async () => {
    env.NOTIFY_ALLOW_PRIVATE_WEBHOOKS = false;
    const user = await makeUser("ntssrf");
    await signInAs(user.id);
    for (const url of [
      "http://127.0.0.1:8080/hook",
      "https://10.1.2.3/hook",
      "http://169.254.169.254/latest/meta-data",
      "http://[::1]/hook",
      "http://localhost:3000/hook",
      "http://[::ffff:127.0.0.1]/hook",
    ]) {
      const res = await putWebhookRoute(put("/api/notifications/webhook", { url }));
      expect(res.status, url).toBe(422);
      const body = (await res.json()) as { error: { message: string; fields: { url: string } } };
      expect(body.error.message).toMatch(/private, loopback or link-local/);
      expect(body.error.fields.url).toBeTruthy();
    }
    const form = await putWebhookRoute(put("/api/notifications/webhook", { url: "ftp://example.com/x" }));
    expect(form.status).toBe(422);
    const view = (await (await getPrefsRoute(jsonRequest("/api/notifications/preferences"))).json()) as {
      webhook: { url: string | null };
    };
    expect(view.webhook.url).toBeNull();
    // A public address (an IP literal: no DNS needed here) is accepted.
    const ok = await putWebhookRoute(
      put("/api/notifications/webhook", { url: "https://93.184.216.34/hook" }),
    );
    expect(ok.status).toBe(200);
  });

  it("delivers a body whose signature verifies with the documented recipe, retrying 500s with backoff", async () => {
    env.NOTIFY_ALLOW_PRIVATE_WEBHOOKS = true;
    const user = await makeUser("nthook");
    await signInAs(user.id);
    const res = await putWebhookRoute(put("/api/notifications/webhook", { url: receiver.url }));
    expect(res.status).toBe(200);
    const { secret } = (await res.json()) as { secret: string };
    expect(secret).toMatch(/^tpwh_/);
    const view = (await (
      await getPrefsRoute(jsonRequest("/api/notifications/preferences"))
    ).json()) as object;
    expect(JSON.stringify(view)).not.toContain(secret);

    const before = receiver.received.length;
    receiver.state.failNext = 2;
    const event = await exitOf(user);
    await notify(event);
    await expect.poll(() => receiver.received.length - before, { timeout: 15_000 }).toBe(3);
    const calls = receiver.received.slice(before);
    expect(calls.map((c) => c.status)).toEqual([500, 500, 200]);
    // Exponential: the second wait is about twice the first (base 300 ms).
    const gap1 = calls[1]!.at - calls[0]!.at;
    const gap2 = calls[2]!.at - calls[1]!.at;
    expect(gap1).toBeGreaterThanOrEqual(250);
    expect(gap2).toBeGreaterThanOrEqual(gap1 * 1.5);
    const verify = await docRecipe();
    for (const c of calls) {
      expect(verify(c.body, String(c.headers["tickpilot-signature"]), secret)).toBe(true);
      expect(verify(c.body, String(c.headers["tickpilot-signature"]), "tpwh_wrong")).toBe(false);
      expect(c.headers["tickpilot-delivery"]).toBe(eventKey(event));
    }
    expect(
      verify(
        calls[2]!.body.replace("BTCUSDT", "ETHUSDT"),
        String(calls[2]!.headers["tickpilot-signature"]),
        secret,
      ),
    ).toBe(false);
    expect(JSON.parse(calls[2]!.body)).toMatchObject({
      id: eventKey(event),
      type: "exit",
      title: "Stop loss hit on BTCUSDT",
    });
    await expect
      .poll(async () => (await deliveries(user.id)).find((d) => d.channel === "webhook"), { timeout: 5000 })
      .toMatchObject({ status: "sent", attempts: 3 });
  });

  it("checks the address again at send time, through the socket's own lookup for a hostname", async () => {
    env.NOTIFY_ALLOW_PRIVATE_WEBHOOKS = true;
    const user = await makeUser("ntsend");
    await signInAs(user.id);
    // A hostname: the connection goes through the checked lookup (it resolves to loopback here).
    const url = receiver.url.replace("127.0.0.1", "localhost");
    expect((await putWebhookRoute(put("/api/notifications/webhook", { url }))).status).toBe(200);
    const before = receiver.received.length;
    const first = await exitOf(user);
    await notify(first);
    await expect.poll(() => receiver.received.length - before, { timeout: 10_000 }).toBe(1);
    // The operator closes private addresses: the next event is refused when it is sent, never reaching the host.
    env.NOTIFY_ALLOW_PRIVATE_WEBHOOKS = false;
    const second = await exitOf(user);
    await notify(second);
    const hookRow = async () =>
      (await deliveries(user.id)).find((d) => d.channel === "webhook" && d.eventKey === eventKey(second));
    await expect.poll(async () => (await hookRow())?.status, { timeout: 10_000 }).toBe("failed");
    expect((await hookRow())!.error).toMatch(/private, loopback or link-local/);
    expect(receiver.received.length - before).toBe(1);
  });
});

describe("hooks and the daily summary", () => {
  it("the daily loss limit switching auto-trading off lands in the bell", async () => {
    const user = await makeUser("ntloss");
    const [settings] = await db.select().from(tradingSettings).where(eq(tradingSettings.userId, user.id));
    await db
      .update(tradingSettings)
      .set({ autoTrade: true, dailyLossLimit: 50 })
      .where(eq(tradingSettings.id, settings!.id));
    await db.insert(fills).values({
      userId: user.id,
      exchangeAccountId: user.paperAccountId,
      symbol: "BTCUSDT",
      tradeId: `loss-${user.id}`,
      side: "sell",
      qty: 0.1,
      price: 90_000,
      fee: 1,
      realizedPnl: -60,
      reduces: true,
      executedAt: new Date(),
    });
    expect(await enforceDailyLossLimit({ id: settings!.id, userId: user.id, dailyLossLimit: 50 })).toMatch(
      /Daily loss limit reached/,
    );
    await expect
      .poll(async () => (await inApp(user.id)).map((n) => n.title), { timeout: 10_000 })
      .toEqual(["Daily loss limit reached on BTCUSDT"]);
    expect((await inApp(user.id))[0]!.body).toContain("61.00 USDT lost today");
  });

  it("a paper stop loss reaches the bell through the paper exchange's own hook", async () => {
    const user = await makeUser("ntpaper");
    const ex = await getAdapter(user.paperAccountId, user.id);
    // A symbol no other test file trades (the candle is applied to every open position of the symbol).
    const symbol = "ADAUSDT";
    await writeCandle(symbol, { t: Date.now() - 120_000, c: 1 });
    await ex.setLeverage(symbol, 5);
    await ex.placeMarketOrder({
      symbol,
      side: "buy",
      qty: 1000,
      clientOrderId: `ntsl-${user.id}`,
      stopLoss: 0.95,
    });
    const drop = await writeCandle(symbol, { t: Date.now() + 60_000, o: 1, h: 1, l: 0.9, c: 0.92 });
    expect(await applyCandleToPaperPositions(symbol, drop)).toBe(1);
    await expect
      .poll(async () => (await inApp(user.id)).map((n) => n.title), { timeout: 10_000 })
      .toEqual(["Stop loss hit on ADAUSDT"]);
    expect((await inApp(user.id))[0]!.body).toContain("1000 ADAUSDT closed at 0.95");
    await expect
      .poll(() => mailsTo(user.email).map((m) => m.subject), { timeout: 10_000 })
      .toEqual(["Stop loss hit on ADAUSDT"]);
  });

  it("a revoked live key: the execute job's failed order and the key rejection both reach the user", async () => {
    const fake = await startFakeBybit({ price: 50_000 });
    (env as { BYBIT_API_URL?: string }).BYBIT_API_URL = fake.url;
    try {
      await clearCandles("BTCUSDT");
      await writeCandle("BTCUSDT", { t: Date.UTC(2030, 0, 1), c: 50_000 });
      const [u] = await createTraders(1, { plan: "elite" });
      const key = `NTKEY${u}`.padEnd(16, "0");
      fake.state.keys.set(key, { secret: `nt-secret-${u}`, balance: 10_000 });
      const acctId = await addLiveAccount(
        u!,
        { apiKey: key, apiSecret: `nt-secret-${u}` },
        { label: "Main Bybit" },
      );
      await db
        .update(tradingSettings)
        .set({ exchangeAccountId: acctId })
        .where(eq(tradingSettings.userId, u!));
      fake.state.keys.clear();
      const order = await executeForUser((await makeDecision({ action: "buy" })).id, u!, {
        adapterFor: adapterForAccount,
      });
      expect(order.status).toBe("failed");
      await expect
        .poll(async () => (await inApp(u!)).map((n) => n.title).sort(), { timeout: 10_000 })
        .toEqual(["Exchange key rejected: Main Bybit", "Order failed on BTCUSDT"]);
      for (const n of await inApp(u!)) expect(n.body).not.toContain(key);
    } finally {
      await clearCandles("BTCUSDT");
      await fake.close();
    }
  });

  it("a filled paper order reaches only the user who opted in to every-order messages", async () => {
    await clearCandles("BTCUSDT");
    await writeCandle("BTCUSDT", { t: Date.UTC(2030, 0, 1), c: 50_000 });
    try {
      const [optedIn, quiet] = await createTraders(2);
      await setPref(optedIn!, "order_filled", "inapp", true);
      const d = await makeDecision({ action: "buy" });
      const deps = { adapterFor: adapterForAccount };
      const [a, b] = await Promise.all([
        executeForUser(d.id, optedIn!, deps),
        executeForUser(d.id, quiet!, deps),
      ]);
      expect([a.status, b.status]).toEqual(["filled", "filled"]);
      await expect
        .poll(async () => (await inApp(optedIn!)).map((n) => n.title), { timeout: 10_000 })
        .toEqual(["Buy BTCUSDT filled"]);
      expect((await inApp(optedIn!))[0]!.body).toMatch(/^Buy [\d.]+ BTCUSDT at [\d.]+\.$/);
      await new Promise((r) => setTimeout(r, 500));
      expect(await inApp(quiet!)).toHaveLength(0);
    } finally {
      await clearCandles("BTCUSDT");
    }
  });

  it("sends the summary of real rows at the user's UTC hour, once", async () => {
    const user = await makeUser("ntsum");
    const other = await makeUser("ntsumother");
    const now = new Date();
    // The summary covers the 24 h up to the start of this UTC hour: the rows go half an hour before that start,
    // whatever the minute the test runs at.
    const inWindow = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000 - 1_800_000);
    await signInAs(user.id);
    expect(
      (await putPrefsRoute(put("/api/notifications/preferences", { summaryHour: now.getUTCHours() }))).status,
    ).toBe(200);
    const fill = (u: User, tradeId: string, pnl: number, fee: number, exitKind: "stop_loss" | null) => ({
      userId: u.id,
      exchangeAccountId: u.paperAccountId,
      symbol: "BTCUSDT",
      tradeId,
      side: "sell" as const,
      qty: 0.01,
      price: 95_000,
      fee,
      realizedPnl: pnl,
      reduces: exitKind !== null,
      exitKind,
      executedAt: inWindow,
    });
    await db
      .insert(fills)
      .values([
        fill(user, `s1-${user.id}`, 10, 1, null),
        fill(user, `s2-${user.id}`, -3, 0.5, "stop_loss"),
        fill(other, `s3-${other.id}`, 999, 0, null),
      ]);
    // Three decisions of the user's group in the window (one traded, one skipped, one hold), one outside it.
    const groupKey = `ntsum-${user.id}`;
    const traded = await makeDecision({ action: "buy", groupKey, tickTime: inWindow });
    const skipped = await makeDecision({
      action: "sell",
      groupKey,
      tickTime: new Date(inWindow.getTime() + 300_000),
    });
    await makeDecision({ action: "hold", groupKey, tickTime: new Date(inWindow.getTime() + 600_000) });
    await makeDecision({ action: "hold", groupKey, tickTime: new Date(now.getTime() - 2 * 86_400_000) });
    await orderRow(user, { kind: "open", status: "filled", decisionId: traded.id, createdAt: inWindow });
    await orderRow(user, {
      kind: "none",
      status: "skipped",
      reason: "Confidence below your floor",
      decisionId: skipped.id,
      createdAt: inWindow,
    });
    expect(await scanDailySummaries(now)).toBeGreaterThanOrEqual(1);
    await scanDailySummaries(now);
    await expect.poll(async () => (await inApp(user.id)).length, { timeout: 10_000 }).toBe(1);
    const [n] = await inApp(user.id);
    expect(n!.title).toBe(`Daily summary (24 h to ${utcHour(now).replace("T", " ")}:00 UTC): +5.50 USDT`);
    expect(n!.body).toContain("Realised PnL +5.50 USDT after 1.50 USDT fees.");
    expect(n!.body).toContain("Trades 2 (exits by stop/target/liquidation 1), skipped 1.");
    expect(n!.body).toContain("Decisions 3, of which holds 1.");
    await expect.poll(() => mailsTo(user.email).length, { timeout: 10_000 }).toBe(1);
    expect(await inApp(other.id)).toHaveLength(0);
  });
});

describe("tenant isolation", () => {
  it("user B cannot read or mark A's notifications or change A's preferences", async () => {
    const a = await makeUser("nta");
    const b = await makeUser("ntb");
    await notify(await exitOf(a));
    await expect.poll(async () => (await inApp(a.id)).length, { timeout: 10_000 }).toBe(1);
    const [aNote] = await inApp(a.id);

    await signInAs(b.id);
    const list = (await (await listRoute(jsonRequest("/api/notifications"))).json()) as {
      items: unknown[];
      unread: number;
    };
    expect(list).toEqual({ items: [], unread: 0 });
    const mark = await readRoute(jsonRequest("/api/notifications/read", "POST", { ids: [aNote!.id] }));
    expect(await mark.json()).toEqual({ changed: 0 });
    await readRoute(jsonRequest("/api/notifications/read", "POST", { all: true }));
    await putPrefsRoute(
      put("/api/notifications/preferences", { event: "exit", channel: "inapp", enabled: false }),
    );
    expect((await loadPrefs(a.id)).exit.inapp).toBe(true);
    expect((await loadPrefs(b.id)).exit.inapp).toBe(false);

    await signInAs(a.id);
    const mine = (await (await listRoute(jsonRequest("/api/notifications"))).json()) as {
      items: Array<{ id: number; read: boolean }>;
      unread: number;
    };
    expect(mine.unread).toBe(1);
    expect(mine.items[0]).toMatchObject({ id: aNote!.id, read: false });
    expect(
      await (await readRoute(jsonRequest("/api/notifications/read", "POST", { ids: [aNote!.id] }))).json(),
    ).toEqual({
      changed: 1,
    });
    const [after] = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.id, aNote!.id), eq(notifications.userId, a.id)));
    expect(after!.readAt).toBeInstanceOf(Date);
  });
});
