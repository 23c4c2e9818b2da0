// The add-key form with OKX: the Passphrase field appears only when OKX is chosen, a missing passphrase is named
// inline, and an OKX key with its passphrase is checked against the fake OKX and listed; screenshots light and dark.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, count, eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { closeDb, db } from "@/db";
import { exchangeAccounts, users } from "@/db/schema";
import { E2E_OKX_KEYS } from "../fakes/okx";
import { launchBrowser, newContext, screenshot, signUp } from "../helpers/browser";
import { freshCode } from "../helpers/browser-account";
import { uniqueEmail } from "../helpers/db";
import { secureUser } from "../helpers/security";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await closeDb();
});

async function chooseOkx(page: Page) {
  await page.click("#key-exchange");
  await page.getByRole("option", { name: "OKX (USDT swaps)" }).click();
  await page.locator("#key-api-passphrase").waitFor();
}

async function okxAccounts(userId: number): Promise<number> {
  const [r] = await db
    .select({ n: count() })
    .from(exchangeAccounts)
    .where(and(eq(exchangeAccounts.userId, userId), eq(exchangeAccounts.exchange, "okx")));
  return r!.n;
}

describe("add-key form with OKX", () => {
  it("asks for the passphrase only for OKX, names it when missing, and saves an OKX key", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const email = uniqueEmail("e2e-okx");
    await signUp(page, email);
    const user = await db.query.users.findFirst({ where: eq(users.email, email) });
    // Live keys need a plan with live trading, a confirmed email and 2FA (set up directly: other tests click it).
    await db.update(users).set({ plan: "elite" }).where(eq(users.id, user!.id));
    const { secret } = await secureUser(user!.id);
    await page.goto("/dashboard/exchange-keys");
    await page.locator("#key-api-key").waitFor();
    expect(await page.locator("#key-api-passphrase").count()).toBe(0);

    await chooseOkx(page);
    expect(await page.locator("#key-testnet").count()).toBe(1);
    await page.fill("#key-label", "OKX main");
    await page.fill("#key-api-key", E2E_OKX_KEYS.trade.apiKey);
    await page.fill("#key-api-secret", E2E_OKX_KEYS.trade.apiSecret);
    await screenshot(page, "exchange-keys-okx-light");

    // No passphrase: refused before OKX is asked, the field named inline.
    await page.fill("#key-code", await freshCode(email, secret));
    await page.click('button[type="submit"]:has-text("Check and save key")');
    await page
      .locator("#key-api-passphrase-error")
      .getByText("Passphrase is required for OKX keys")
      .waitFor();
    expect(await okxAccounts(user!.id)).toBe(0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, "exchange-keys-okx-missing-passphrase-light");

    await page.fill("#key-api-passphrase", E2E_OKX_KEYS.trade.apiPassphrase);
    await page.fill("#key-code", await freshCode(email, secret));
    await page.click('button[type="submit"]:has-text("Check and save key")');
    const row = page.locator('[data-testid="account-row"]').filter({ hasText: "OKX main" });
    await row.waitFor();
    await row.getByText("OKX", { exact: true }).waitFor();
    expect(await okxAccounts(user!.id)).toBe(1);
    expect(await page.content()).not.toContain(E2E_OKX_KEYS.trade.apiPassphrase);

    // Binance USDⓈ-M: no passphrase and no testnet switch.
    await page.click("#key-exchange");
    await page.getByRole("option", { name: "Binance USDⓈ-M (USDT perpetuals)" }).click();
    expect(await page.locator("#key-api-passphrase").count()).toBe(0);
    expect(await page.locator("#key-testnet").count()).toBe(0);

    const dark = await newContext(browser, { colorScheme: "dark" });
    await dark.addCookies(await ctx.cookies());
    const p = await dark.newPage();
    await p.goto("/dashboard/exchange-keys");
    await p.locator("#key-api-key").waitFor();
    await chooseOkx(p);
    await screenshot(p, "exchange-keys-okx-dark");
    await dark.close();
    await ctx.close();
  });
});
