// The signals page in the browser, against the app and its worker: create a source, see its URL once (with a copy
// button), send alerts to it with fetch the way a script would, and see them in the list with their outcome (an
// accepted one's order filled on the paper exchange, a refused one with its reason). Light, dark and phone
// screenshots; the web server's log never holds the token.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { closeDb, db } from "@/db";
import { exchangeAccounts, tradingSettings, users } from "@/db/schema";
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

// Billing is on in these tests: an operator grants Pro; auto-trading on BTCUSDT on the paper account.
async function makeTrader(email: string) {
  const user = (await db.query.users.findFirst({ where: eq(users.email, email) }))!;
  await db.update(users).set({ plan: "pro" }).where(eq(users.id, user.id));
  const [paper] = await db
    .select({ id: exchangeAccounts.id })
    .from(exchangeAccounts)
    .where(and(eq(exchangeAccounts.userId, user.id), eq(exchangeAccounts.exchange, "paper")));
  await db
    .update(tradingSettings)
    .set({ autoTrade: true, exchangeAccountId: paper!.id })
    .where(eq(tradingSettings.userId, user.id));
}

async function send(url: string, body: string, type = "application/json") {
  const res = await fetch(url, { method: "POST", headers: { "content-type": type }, body });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const rows = (page: Page) => page.locator('[data-testid="signal-row"]');

describe("signals page", () => {
  it("creates a source, shows the URL once, and lists signals sent to it with their outcome", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const email = uniqueEmail("e2e-signals");
    await signUp(page, email);

    // On the free plan the page says what it takes.
    await page.goto("/dashboard/signals");
    await page.getByText("Signal webhooks are part of Pro and Elite").waitFor();
    await screenshot(page, "signals-locked-light");

    await makeTrader(email);
    await page.goto("/dashboard/signals");
    await page.getByText("No signal sources yet").waitFor();
    await page.getByText("No signals yet").waitFor();
    await screenshot(page, "signals-empty-light");

    // The nav has the entry.
    expect(await page.locator('nav a[href="/dashboard/signals"]').count()).toBeGreaterThan(0);

    await page.getByRole("button", { name: "New source" }).first().click();
    await page.fill("#source-name", "TradingView BTC");
    await page.getByRole("button", { name: "Create and show URL" }).click();
    const field = page.locator('[data-testid="signal-url"]');
    await field.waitFor();
    const url = await field.inputValue();
    expect(url).toMatch(/\/api\/signals\/[A-Za-z0-9_-]{43}$/);
    await page.getByRole("button", { name: "Copy the webhook URL" }).waitFor();
    await screenshot(page, "signals-url-once-light");
    // The list behind refreshes itself (the new source appears there); the URL stays until "Done".
    await page.locator('[data-testid="source-row"]').waitFor({ timeout: 10_000 });
    expect(await field.inputValue()).toBe(url);
    await page.getByRole("button", { name: "Done" }).click();

    // Shown once: the list has only the masked end of the token.
    const token = url.slice(url.lastIndexOf("/") + 1);
    const row = page.locator('[data-testid="source-row"]');
    await row.getByText("TradingView BTC").waitFor();
    await row.getByText(`…${token.slice(-4)}`).waitFor();
    expect(await page.content()).not.toContain(token);

    // A script sends a buy; TradingView's text template sends a bad one.
    const accepted = await send(
      url,
      JSON.stringify({ action: "buy", symbol: "BTCUSDT", stop_loss: 0.01, id: "e2e-1" }),
    );
    expect(accepted.status).toBe(202);
    const again = await send(
      url,
      JSON.stringify({ action: "buy", symbol: "BTCUSDT", stop_loss: 0.01, id: "e2e-1" }),
    );
    expect(again).toMatchObject({ status: 200, body: { status: "duplicate" } });
    const refused = await send(url, "action=buy symbol=BTCUSDT stoploss=0.01", "text/plain");
    expect(refused.status).toBe(400);

    // The list refreshes itself: the accepted one's order fills on the paper exchange, the refused one says why.
    await expect.poll(() => rows(page).count(), { timeout: 20_000 }).toBe(2);
    await rows(page).filter({ hasText: "e2e-1" }).getByText("filled").waitFor({ timeout: 30_000 });
    await rows(page).filter({ hasText: "Rejected" }).getByText('Unknown field "stoploss"').waitFor();
    await row.getByText("Last used", { exact: false }).waitFor();
    await screenshot(page, "signals-list-light");

    // Follow mode: shared only refuses the next signal, with the reason on the page.
    await page.getByRole("combobox", { name: "BTCUSDT follows" }).click();
    await page.getByRole("option", { name: "Shared decisions only" }).click();
    await page.getByText("now follows: shared decisions only").waitFor();
    const shared = await send(url, JSON.stringify({ action: "close", symbol: "BTCUSDT", id: "e2e-2" }));
    expect(shared.status).toBe(409);
    await rows(page).filter({ hasText: "e2e-2" }).getByText("follows only the shared decisions").waitFor({
      timeout: 20_000,
    });

    // Dark and phone.
    const dark = await newContext(browser, { colorScheme: "dark" });
    await dark.addCookies(await ctx.cookies());
    const darkPage = await dark.newPage();
    await darkPage.goto("/dashboard/signals");
    await rows(darkPage).first().waitFor();
    await screenshot(darkPage, "signals-list-dark");
    const phone = await newContext(browser, { mobile: true });
    await phone.addCookies(await ctx.cookies());
    const phonePage = await phone.newPage();
    await phonePage.goto("/dashboard/signals");
    await rows(phonePage).first().waitFor();
    await screenshot(phonePage, "signals-list-phone");

    // Rotate: a new URL shown once; the old one is gone.
    await page.getByRole("button", { name: "Rotate" }).click();
    await page.getByRole("button", { name: "Rotate URL" }).click();
    await page.locator('[data-testid="signal-url"]').waitFor();
    const rotated = await page.locator('[data-testid="signal-url"]').inputValue();
    expect(rotated).not.toBe(url);
    await page.getByRole("button", { name: "Done" }).click();
    expect((await send(url, "{}")).status).toBe(404);

    // The token never reached the web server's log.
    const log = readFileSync(inject("webLogFile"), "utf8");
    expect(log).not.toContain(token);
    expect(log).not.toContain(rotated.slice(rotated.lastIndexOf("/") + 1));
    await Promise.all([ctx.close(), dark.close(), phone.close()]);
  });
});
