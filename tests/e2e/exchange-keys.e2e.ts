// Exchange keys in the browser, against the app and a fake Bybit: a live key needs a confirmed email and 2FA (set up
// through the pages), inline errors for a rejected and a withdraw-enabled key, a good key shown masked, delete with
// a two-factor code; screenshots of every state.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, count, eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { closeDb, db } from "@/db";
import { exchangeAccounts, users } from "@/db/schema";
import { E2E_BYBIT_KEYS } from "../fakes/bybit";
import { launchBrowser, newContext, screenshot, signUp } from "../helpers/browser";
import { confirmEmail, enrolTwoFactor, freshCode } from "../helpers/browser-account";
import { uniqueEmail } from "../helpers/db";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await closeDb();
});

let secret = "";
async function fillKey(page: Page, email: string, label: string, key: { apiKey: string; apiSecret: string }) {
  await page.fill("#key-label", label);
  await page.fill("#key-api-key", key.apiKey);
  await page.fill("#key-api-secret", key.apiSecret);
  await page.fill("#key-code", await freshCode(email, secret));
  await page.click('button[type="submit"]:has-text("Check and save key")');
}

async function liveAccounts(email: string): Promise<number> {
  const u = await db.query.users.findFirst({ where: eq(users.email, email) });
  const [r] = await db
    .select({ n: count() })
    .from(exchangeAccounts)
    .where(and(eq(exchangeAccounts.userId, u!.id), eq(exchangeAccounts.exchange, "bybit")));
  return r!.n;
}

describe("exchange keys page", () => {
  it("adds a key through the form, shows it masked, and deletes it", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const email = uniqueEmail("e2e-keys");
    await signUp(page, email);
    // Live keys need a plan with live trading (billing is on in these tests): an operator grants Elite (several live accounts).
    await db.update(users).set({ plan: "elite" }).where(eq(users.email, email));
    await page.goto("/dashboard/exchange-keys");
    await page.locator('[data-testid="paper-card"]').getByText("10,000").first().waitFor();
    await page.getByText("203.0.113.10").waitFor();
    // Not yet: the address is unconfirmed and 2FA is off; the form says what to do instead of asking for a key.
    await page
      .locator('[data-testid="key-prerequisites"]')
      .getByText("Turn on two-factor authentication")
      .waitFor();
    expect(await page.locator("#key-api-key").count()).toBe(0);
    await screenshot(page, "exchange-keys-needs-2fa-light");
    await confirmEmail(page, email);
    ({ secret } = await enrolTwoFactor(page, email));
    await page.goto("/dashboard/exchange-keys");
    await page.locator("#key-api-key").waitFor();
    await screenshot(page, "exchange-keys-empty-light");

    // Rejected key: inline error, nothing stored.
    await fillKey(page, email, "Wrong", {
      apiKey: E2E_BYBIT_KEYS.trade.apiKey,
      apiSecret: "not-the-secret-at-all",
    });
    await page
      .locator('[data-testid="add-key-error"]')
      .getByText(/the exchange rejected this key/i)
      .waitFor();
    await page.locator("#key-api-key-error").getByText("The exchange rejected this key").waitFor();
    expect(await liveAccounts(email)).toBe(0);
    await screenshot(page, "exchange-keys-rejected-light");

    // Withdraw-enabled key: refused with the how-to.
    await fillKey(page, email, "Withdraw", E2E_BYBIT_KEYS.withdraw);
    await page
      .locator('[data-testid="add-key-error"]')
      .getByText(/can withdraw funds/)
      .waitFor();
    expect(await liveAccounts(email)).toBe(0);

    // A good key: saved, listed masked, secret nowhere on the page.
    await fillKey(page, email, "Bybit main", E2E_BYBIT_KEYS.trade);
    const row = page.locator('[data-testid="account-row"]').filter({ hasText: "Bybit main" });
    await row.waitFor();
    const hint = `${E2E_BYBIT_KEYS.trade.apiKey.slice(0, 4)}…${E2E_BYBIT_KEYS.trade.apiKey.slice(-4)}`;
    expect(await row.locator('[data-testid="key-hint"]').textContent()).toBe(hint);
    await row.getByText("Active").waitFor();
    expect(await liveAccounts(email)).toBe(1);
    await page.reload();
    await row.waitFor();
    const html = await page.content();
    expect(html).not.toContain(E2E_BYBIT_KEYS.trade.apiSecret);
    expect(html).not.toContain(E2E_BYBIT_KEYS.trade.apiKey);
    expect(await page.inputValue("#key-api-secret")).toBe("");
    await screenshot(page, "exchange-keys-added-light");

    for (const [scheme, mobile, name] of [
      ["dark", false, "exchange-keys-added-dark"],
      ["light", true, "exchange-keys-added-mobile-light"],
      ["dark", true, "exchange-keys-added-mobile-dark"],
    ] as const) {
      const other = await newContext(browser, { colorScheme: scheme, mobile });
      await other.addCookies(await ctx.cookies());
      const p = await other.newPage();
      await p.goto("/dashboard/exchange-keys");
      await p.locator('[data-testid="account-row"]').first().waitFor();
      await screenshot(p, name);
      await other.close();
    }

    // Delete asks first, with a code; cancelling keeps it, a wrong code keeps it, a right one removes it.
    await row.getByRole("button", { name: "Delete Bybit main" }).click();
    await page.getByRole("dialog").getByText("Delete Bybit main?").waitFor();
    await screenshot(page, "exchange-keys-delete-confirm-light");
    await page.getByRole("button", { name: "Keep it" }).click();
    expect(await liveAccounts(email)).toBe(1);
    await row.getByRole("button", { name: "Delete Bybit main" }).click();
    await page.getByRole("dialog").locator('input[name="code"]').fill("000000");
    await page.getByRole("button", { name: "Delete key" }).click();
    await page
      .getByRole("dialog")
      .getByText(/not right/)
      .waitFor();
    expect(await liveAccounts(email)).toBe(1);
    await page
      .getByRole("dialog")
      .locator('input[name="code"]')
      .fill(await freshCode(email, secret));
    await page.getByRole("button", { name: "Delete key" }).click();
    await page.getByText("No exchange keys yet").waitFor();
    expect(await liveAccounts(email)).toBe(0);
    await ctx.close();
  });
});
