// The notifications settings page and the bell in the browser, against `next start` and the worker: switching a
// preference on (kept after a reload), linking Telegram through the deep link (the test plays Telegram delivering
// `/start <token>` to the app's webhook; the fake Bot API records the bot's reply), a private webhook URL refused
// with the reason, and an exit showing up under the bell with its unread count until marked read. Screenshots in
// light, dark and on a phone.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { closeDb, db } from "@/db";
import { exchangeAccounts, orders, users } from "@/db/schema";
import { notify } from "@/lib/notify/notify";
import { closeQueues } from "@/lib/queue/queues";
import { closeRedis } from "@/lib/redis";
import { launchBrowser, newContext, screenshot, signUp } from "../helpers/browser";
import { uniqueEmail } from "../helpers/db";
import { E2E_TELEGRAM_SECRET } from "./setup/global-setup";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await closeQueues();
  await closeRedis();
  await closeDb();
});

async function exitFor(email: string): Promise<void> {
  const user = (await db.query.users.findFirst({ where: eq(users.email, email) }))!;
  const [acct] = await db.select().from(exchangeAccounts).where(eq(exchangeAccounts.userId, user.id));
  const [row] = await db
    .insert(orders)
    .values({
      userId: user.id,
      exchangeAccountId: acct!.id,
      symbol: "BTCUSDT",
      clientOrderId: `e2e-exit-${user.id}-${Date.now().toString(36)}`,
      kind: "take_profit",
      side: "sell",
      qty: 0.01,
      price: 101_250,
      status: "filled",
      fee: 0.56,
      realizedPnl: 18.4,
    })
    .$returningId();
  // What the paper exchange's exit hook does after its transaction.
  await notify({ type: "exit", userId: user.id, orderId: row!.id });
}

describe("notifications", () => {
  it("toggles a preference, links Telegram, refuses a private webhook URL, and shows an exit under the bell", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const email = uniqueEmail("e2e-notify");
    await signUp(page, email);
    await page.getByRole("link", { name: "Notifications" }).first().click();
    await page.waitForURL("**/dashboard/notifications");
    await page.getByRole("heading", { name: "Notifications", level: 1 }).waitFor();

    // A preference: every filled order by email, off by default.
    const filledEmail = page.getByRole("switch", { name: "Order filled: Email" });
    expect(await filledEmail.getAttribute("aria-checked")).toBe("false");
    expect(
      await page
        .getByRole("switch", { name: "Stop loss, take profit, liquidation: Email" })
        .getAttribute("aria-checked"),
    ).toBe("true");
    await filledEmail.click();
    await expect.poll(() => filledEmail.getAttribute("aria-checked")).toBe("true");
    await page.reload();
    await expect
      .poll(() => page.getByRole("switch", { name: "Order filled: Email" }).getAttribute("aria-checked"))
      .toBe("true");

    // Telegram: the deep link, Telegram delivering /start to the webhook, the card showing the chat linked.
    await page.getByRole("button", { name: "Link Telegram" }).click();
    const link = page.locator('a[href^="https://t.me/tickpilot_e2e_bot?start="]');
    await link.waitFor();
    const token = new URL((await link.getAttribute("href"))!).searchParams.get("start")!;
    const chatId = 900_000 + Math.floor(Math.random() * 99_999);
    const res = await fetch(`${inject("baseURL")}/api/telegram/webhook`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": E2E_TELEGRAM_SECRET },
      body: JSON.stringify({
        update_id: 1,
        message: {
          text: `/start ${token}`,
          chat: { id: chatId, type: "private" },
          from: { username: "e2e_user" },
        },
      }),
    });
    expect(await res.json()).toMatchObject({ result: "linked" });
    await page.getByRole("button", { name: "I pressed Start" }).click();
    await page.getByText("Messages go to @e2e_user").waitFor();
    const sent = (await (await fetch(`${inject("telegramURL")}/__sent`)).json()) as Array<{
      chatId: string;
      text: string;
    }>;
    expect(sent.find((m) => m.chatId === String(chatId))?.text).toContain(
      "now gets your Tickpilot notifications",
    );

    // A webhook to a loopback address is refused with the reason.
    await page.getByLabel("Webhook URL").fill("http://127.0.0.1:9000/hooks");
    await page.getByRole("button", { name: "Save webhook" }).click();
    await page.getByRole("alert").filter({ hasText: "private, loopback or link-local" }).waitFor();
    await screenshot(page, "notifications-settings-light");

    // An exit: the bell counts it, the menu shows it, marking it read clears the count; Telegram got it too.
    await exitFor(email);
    await expect
      .poll(
        async () => {
          await page.reload();
          return page
            .getByTestId("unread-count")
            .textContent({ timeout: 2000 })
            .catch(() => null);
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toBe("1");
    await page.getByRole("button", { name: "Notifications, 1 unread" }).click();
    await page.getByRole("menuitem", { name: /Take profit hit on BTCUSDT/ }).waitFor();
    await screenshot(page, "notifications-bell-open-light");
    await page.getByRole("button", { name: "Mark all read" }).click();
    await expect.poll(() => page.getByTestId("unread-count").count()).toBe(0);
    await expect
      .poll(
        async () => {
          const all = (await (await fetch(`${inject("telegramURL")}/__sent`)).json()) as Array<{
            chatId: string;
            text: string;
          }>;
          return all.filter((m) => m.chatId === String(chatId)).map((m) => m.text.split("\n")[0]);
        },
        { timeout: 20_000 },
      )
      .toContain("Take profit hit on BTCUSDT");

    // The page in dark and on a phone (light and dark), bell menu on a phone.
    for (const [scheme, mobile] of [
      ["dark", false],
      ["light", true],
      ["dark", true],
    ] as const) {
      const other = await newContext(browser, { colorScheme: scheme, mobile });
      await other.addCookies(await ctx.cookies());
      const p = await other.newPage();
      await p.goto("/dashboard/notifications");
      await p.getByRole("heading", { name: "Notifications", level: 1 }).waitFor();
      await p.getByText("Messages go to @e2e_user").waitFor();
      await screenshot(p, `notifications-settings-${mobile ? "mobile-" : ""}${scheme}`);
      if (mobile && scheme === "dark") {
        await p.getByRole("button", { name: "Notifications" }).first().click();
        await p.getByRole("menuitem", { name: /Take profit hit on BTCUSDT/ }).waitFor();
        await screenshot(p, "notifications-bell-open-mobile-dark");
      }
      await other.close();
    }
    await ctx.close();
  });
});
