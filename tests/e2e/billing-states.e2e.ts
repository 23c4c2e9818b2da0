// Billing states in the browser (issue 19): a past-due live account on the dashboard (paused auto-trading card,
// the notice saying what happens to the position, one click to paper), the settings form after a downgrade, the
// add-key card at the account limit, and the billing page's refund and unfinished-checkout notices.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { closeDb, db } from "@/db";
import { exchangeAccounts, subscriptions, tradingSettings, users } from "@/db/schema";
import { addLiveAccount } from "../helpers/accounts";
import { E2E_BYBIT_KEYS } from "../fakes/bybit";
import { launchBrowser, newContext, screenshot, signUp } from "../helpers/browser";
import { uniqueEmail } from "../helpers/db";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await closeDb();
});

const LOOKS = [
  ["desktop-light", { colorScheme: "light" as const }],
  ["desktop-dark", { colorScheme: "dark" as const }],
  ["mobile-light", { mobile: true }],
  ["mobile-dark", { mobile: true, colorScheme: "dark" as const }],
] as const;

// Run `check` on a page in each look, signed in with the cookies of `signedIn`: one sign-up per test, since the
// sign-up limit per IP is shared by the whole browser suite.
async function eachLook(
  signedIn: BrowserContext,
  looks: readonly (typeof LOOKS)[number][],
  check: (page: Page, look: string) => Promise<void>,
) {
  for (const [look, opts] of looks) {
    const ctx = await newContext(browser, opts);
    await ctx.addCookies(await signedIn.cookies());
    await check(await ctx.newPage(), look);
    await ctx.close();
  }
}

const userId = async (email: string) =>
  (await db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0]!.id;

// A signed-up user made Pro by a subscription in `status`, trading on a live Bybit account (a key no other test
// trades on) with auto-trade on; returns the user and account ids.
async function liveUser(page: Page, status: "active" | "past_due") {
  const email = uniqueEmail("e2e-pause");
  await signUp(page, email);
  const id = await userId(email);
  const key = E2E_BYBIT_KEYS.withdraw;
  const accId = await addLiveAccount(id, key, { label: "Bybit main", status: "active" });
  const acc = { id: accId } as const;
  await db.update(users).set({ plan: "pro" }).where(eq(users.id, id));
  await db.insert(subscriptions).values({
    userId: id,
    stripeCustomerId: `cus_e2e_${id}`,
    stripeSubscriptionId: `sub_e2e_${id}`,
    stripePriceId: "price_pro_e2e",
    plan: "pro",
    status,
    currentPeriodEnd: new Date(Date.now() + 20 * 86_400_000),
  });
  await db
    .update(tradingSettings)
    .set({ exchangeAccountId: acc!.id, autoTrade: true })
    .where(eq(tradingSettings.userId, id));
  return { id, accountId: acc!.id };
}

describe.skipIf(!inject("stripeURL"))("billing states", () => {
  it("past due on a live account: the dashboard says what happens, and one click moves to paper", async () => {
    const reason =
      "Your Pro subscription is past due: no new live trades are opened until the payment goes through. Open positions stay protected.";
    const main = await newContext(browser);
    const page = await main.newPage();
    const user = await liveUser(page, "past_due");
    await eachLook(main, LOOKS, async (p, look) => {
      await p.goto("/dashboard");
      await p.getByTestId("plan-notice").waitFor();
      expect(await p.getByTestId("plan-notice-reason").textContent()).toBe(reason);
      expect(await p.getByTestId("plan-notice-auto-trade").textContent()).toContain(
        "Auto-trading stays on: buy and sell decisions are skipped on Bybit main until the payment goes through.",
      );
      expect(await p.getByTestId("plan-notice-position").textContent()).toMatch(
        /no open position on Bybit main|stays open/,
      );
      expect(await p.getByTestId("auto-trade-state").textContent()).toBe("Paused");
      expect(await p.getByTestId("auto-trade-paused").textContent()).toContain(reason);
      expect(await p.getByTestId("stat-auto-trade").textContent()).toContain("Paused");
      expect(await p.textContent("main")).not.toContain("Acting on every decision");
      expect(await p.textContent("main")).not.toMatch(/paper trading continues/i);
      await p.waitForTimeout(400);
      await screenshot(p, `dashboard-billing-paused-${look}`);
    });

    await page.goto("/dashboard");
    await page.getByTestId("paper-switch").click();
    await expect
      .poll(() => page.getByTestId("auto-trade-state").textContent(), { timeout: 15_000 })
      .toBe("On");
    expect(await page.getByTestId("auto-trade-card").textContent()).toContain("Paper trading");
    expect(await page.locator('[data-testid="plan-notice"]').count()).toBe(0);
    const [s] = await db.select().from(tradingSettings).where(eq(tradingSettings.userId, user.id));
    const paper = await db.query.exchangeAccounts.findFirst({
      where: and(eq(exchangeAccounts.userId, user.id), eq(exchangeAccounts.exchange, "paper")),
    });
    expect(s).toMatchObject({ exchangeAccountId: paper!.id, autoTrade: true });
    await page.waitForTimeout(400);
    await screenshot(page, "dashboard-after-paper-switch-desktop-light");
    await main.close();
  });

  it("after a downgrade the settings form shows the plan's cap, saves, and keeps what the plan forbids", async () => {
    const main = await newContext(browser);
    const page = await main.newPage();
    const email = uniqueEmail("e2e-downgrade");
    await signUp(page, email);
    const id = await userId(email);
    const prompt = "Only trade in the direction of the 1h trend.";
    // Saved on Pro, then the subscription ended: the user is on Free now.
    await db
      .update(tradingSettings)
      .set({ maxLeverage: 8, customPrompt: prompt })
      .where(eq(tradingSettings.userId, id));
    await eachLook(main, LOOKS, async (p, look) => {
      await p.goto("/dashboard/settings");
      const kept = p.getByTestId("kept-settings");
      await kept.waitFor();
      expect(await kept.textContent()).toContain("Max leverage 8x: orders use at most 3x");
      expect(await kept.textContent()).toContain("Custom strategy prompt: decisions use the default prompt");
      expect(await p.inputValue("#maxLeverage")).toBe("3");
      expect(await p.locator("#customPrompt").isDisabled()).toBe(true);
      await p.waitForTimeout(300);
      await screenshot(p, `settings-after-downgrade-${look}`);
    });

    await page.goto("/dashboard/settings");
    await page.getByTestId("kept-settings").waitFor();
    await page.click('[role="radio"]:has-text("High")');
    await page.click('button:has-text("Save settings")');
    await page.getByText("Settings saved. They apply from the next decision.").waitFor();
    const saved = async () =>
      (await db.select().from(tradingSettings).where(eq(tradingSettings.userId, id)))[0];
    expect(await saved()).toMatchObject({ riskLevel: "high", maxLeverage: 8, customPrompt: prompt });
    // Above the cap the field itself refuses, naming the plan's maximum.
    await page.fill("#maxLeverage", "9");
    await page.click('button:has-text("Save settings")');
    expect(await page.$eval("#maxLeverage", (el) => (el as HTMLInputElement).validity.rangeOverflow)).toBe(
      true,
    );
    await page.getByText("Max leverage can be at most 3x on the Free plan (you entered 9x)").waitFor();
    await page.fill("#maxLeverage", "2");
    await page.click('button:has-text("Save settings")');
    await expect.poll(saved).toMatchObject({ maxLeverage: 2, customPrompt: prompt });
    await main.close();
  });

  it("the add-key card tells a Pro user at the limit to delete one, not that they are on paper only", async () => {
    const main = await newContext(browser);
    await liveUser(await main.newPage(), "active");
    await eachLook(main, [LOOKS[0], LOOKS[3]], async (p, look) => {
      await p.goto("/dashboard/exchange-keys");
      const card = p.getByTestId("add-key-blocked");
      await card.waitFor();
      expect(await card.textContent()).toContain("Account limit reached");
      expect(await card.textContent()).toContain(
        "The Pro plan allows 1 exchange account. Delete one to add another",
      );
      expect(await card.textContent()).not.toContain("Paper trading only");
      await screenshot(p, `exchange-keys-limit-${look}`);
    });
    await main.close();
  });

  it("the billing page continues an unfinished checkout and shows a refunded second subscription", async () => {
    const main = await newContext(browser);
    const page = await main.newPage();
    const email = uniqueEmail("e2e-refund");
    await signUp(page, email);
    const id = await userId(email);
    // An unfinished checkout for Elite: asking again hands out the same page, and the Elite button continues it.
    const started = await page.request.post("/api/billing/checkout", { data: { plan: "elite" } });
    expect(started.status()).toBe(200);
    const again = await page.request.post("/api/billing/checkout", { data: { plan: "elite" } });
    const url = (r: typeof started) => r.json().then((b: { url: string }) => b.url);
    expect(await url(again)).toBe(await url(started));
    await eachLook(main, LOOKS, async (p, look) => {
      await p.goto("/billing");
      await p.getByTestId("open-checkout").waitFor();
      expect(await p.locator('[data-plan="elite"] button').textContent()).toContain("Continue checkout");
      await screenshot(p, `billing-open-checkout-${look}`);
    });

    // Then Pro, plus a second (Elite) subscription that Tickpilot cancelled and refunded.
    await db.update(users).set({ plan: "pro" }).where(eq(users.id, id));
    await db.insert(subscriptions).values([
      {
        userId: id,
        stripeCustomerId: `cus_e2e_r${id}`,
        stripeSubscriptionId: `sub_e2e_keep_${id}`,
        plan: "pro",
        status: "active",
        currentPeriodEnd: new Date(Date.now() + 25 * 86_400_000),
      },
      {
        userId: id,
        stripeCustomerId: `cus_e2e_r${id}`,
        stripeSubscriptionId: `sub_e2e_dup_${id}`,
        plan: "elite",
        status: "canceled",
        canceledAt: new Date(),
        duplicateOf: `sub_e2e_keep_${id}`,
        refundedAmount: 9900,
        refundCurrency: "usd",
      },
    ]);
    await eachLook(main, LOOKS, async (p, look) => {
      await p.goto("/billing");
      const refund = p.getByTestId("duplicate-refund");
      await refund.waitFor();
      expect(await refund.textContent()).toContain("We cancelled it and refunded $99.00");
      expect(await p.getByTestId("current-plan-name").textContent()).toBe("Pro");
      expect(await p.getByTestId("subscription-status").textContent()).toBe("Active");
      expect(await p.locator('[data-testid="open-checkout"]').count()).toBe(0);
      await screenshot(p, `billing-duplicate-refunded-${look}`);
    });
    await main.close();
  });
});
