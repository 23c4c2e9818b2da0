// The backtest page end to end: a new user runs a backtest of the built-in strategy over three days of the
// bundled month, watches it finish, and reads the equity curve with its drawdown, the figures and the trades;
// a refused request shows the server's reason; the page works in dark mode and on a phone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { closeDb } from "@/db";
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

async function runBacktest(page: Page, from: string, to: string, level: "low" | "medium" | "high") {
  await page.fill("#bt-from", from);
  await page.fill("#bt-to", to);
  await page.locator(`[data-testid="level-${level}"]`).click();
  await page.locator('[data-testid="start-backtest"]').click();
}

describe("backtest page", () => {
  it("runs a backtest and shows the equity curve, the figures and the trades", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signUp(page, uniqueEmail("e2e-backtest"));
    await page.goto("/dashboard/backtest");
    await page.getByRole("heading", { name: "No backtest yet" }).waitFor();
    await screenshot(page, "backtest-empty-light");

    // A period shorter than an hour is refused with the server's words, and nothing runs.
    await runBacktest(page, "2024-12-03T00:00", "2024-12-03T00:30", "high");
    await expect
      .poll(() => page.locator('[data-testid="backtest-form-error"]').textContent())
      .toContain("at least one hour");
    expect(await page.locator('[data-testid="backtest-run-row"]').count()).toBe(0);

    await runBacktest(page, "2024-12-03T00:00", "2024-12-06T00:00", "high");
    const result = page.locator('[data-testid="backtest-result"]');
    await result.waitFor({ timeout: 60_000 });
    // Three days of ticks on the chart (one a minute with the test's 10-second interval: at most 1,500 points
    // are drawn), and the figures and trades of the run.
    await expect
      .poll(async () =>
        Number(await page.locator('[data-testid="equity-chart"]').getAttribute("data-points")),
      )
      .toBeGreaterThan(1_000);
    expect(await page.locator('[data-testid="metric-return"]').textContent()).toMatch(
      /Return after fees[+−-]?\d+\.\d\d%/,
    );
    expect(await page.locator('[data-testid="metric-drawdown"]').textContent()).toMatch(
      /Max drawdown(−\d+\.\d\d%|0\.00%)/,
    );
    expect(await page.locator('[data-testid="trade-result-row"]').count()).toBeGreaterThan(0);
    const row = page.locator('[data-testid="backtest-run-row"]').first();
    expect(await row.textContent()).toMatch(/done.*High/i);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(500);
    await screenshot(page, "backtest-result-light");
    await ctx.close();
  }, 120_000);

  it("looks right in dark mode and on a phone", async () => {
    for (const [name, opts] of [
      ["backtest-result-dark", { colorScheme: "dark" as const }],
      ["backtest-result-mobile-light", { mobile: true }],
    ] as const) {
      const ctx = await newContext(browser, opts);
      const page = await ctx.newPage();
      await signUp(page, uniqueEmail("e2e-backtest-look"));
      await page.goto("/dashboard/backtest");
      await runBacktest(page, "2024-12-10T00:00", "2024-12-13T00:00", "medium");
      await page.locator('[data-testid="backtest-result"]').waitFor({ timeout: 60_000 });
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.waitForTimeout(500);
      await screenshot(page, name);
      await ctx.close();
    }
  }, 180_000);
});
