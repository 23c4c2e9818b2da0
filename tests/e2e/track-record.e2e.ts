// The public track record: signed out, from the landing page's link, the shadow accounts of the default decision
// groups show their equity, figures, trades and every decision with its reason (the worker's built-in ticks feed
// them; the page reads the cached snapshot). The dashboard links to it and shows the user's own performance.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { eq } from "drizzle-orm";
import { closeDb, db } from "@/db";
import { exchangeAccounts, positions, users } from "@/db/schema";
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

// The shadow accounts appear after the worker's first update that finds a default decision (every minute).
async function openTrackRecord(page: Page): Promise<void> {
  const deadline = Date.now() + 150_000;
  for (;;) {
    await page.goto("/track-record");
    if ((await page.locator('[data-testid="track-record-tab-medium"]').count()) > 0) return;
    if (Date.now() > deadline) throw new Error("the track record had no account after 150 s");
    await page.waitForTimeout(5_000);
  }
}

describe("public track record", () => {
  it("is linked from the landing page and works signed out", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await page.goto("/");
    await page.locator('[data-testid="track-record-link"]').click();
    await page.waitForURL("**/track-record");
    expect(page.url()).not.toContain("/login");
    await openTrackRecord(page);
    expect(await page.locator('[data-testid="track-record-tab-low"]').count()).toBe(1);
    expect(await page.locator('[data-testid="track-record-tab-high"]').count()).toBe(1);
    expect(await page.locator('[data-testid="track-record-equity"]').first().textContent()).toMatch(
      /^\$\d{1,2},\d{3}\.\d\d$/,
    );
    await expect
      .poll(() => page.locator('[data-testid="track-record-chart"]').first().getAttribute("data-points"))
      .not.toBe("0");
    const decision = page.locator('[data-testid="track-record-decision"]').first();
    await decision.waitFor();
    expect(await decision.textContent()).toMatch(/(hold|buy|sell|close).{10,}/);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(500);
    await screenshot(page, "track-record-light");
    await ctx.close();
  }, 200_000);

  it("looks right in dark mode and on a phone", async () => {
    for (const [name, opts] of [
      ["track-record-dark", { colorScheme: "dark" as const }],
      ["track-record-mobile-dark", { mobile: true, colorScheme: "dark" as const }],
    ] as const) {
      const ctx = await newContext(browser, opts);
      const page = await ctx.newPage();
      await openTrackRecord(page);
      await page.locator('[data-testid="track-record-decision"]').first().waitFor();
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.waitForTimeout(500);
      await screenshot(page, name);
      await ctx.close();
    }
  }, 200_000);

  it("the dashboard links to it and shows the user's own performance from their closed trades", async () => {
    for (const [name, opts] of [
      ["performance-panel-light", {}],
      ["performance-panel-dark", { colorScheme: "dark" as const }],
    ] as const) {
      const ctx = await newContext(browser, opts);
      const page = await ctx.newPage();
      const email = uniqueEmail("e2e-perf");
      await signUp(page, email);
      const panel = page.locator('[data-testid="performance-panel"]');
      await page.locator('[data-testid="performance-empty"]').waitFor();
      expect(await panel.textContent()).toContain("No closed trade yet");

      // Four closed paper positions: +115, −85, +56, −33 USDT after fees (17 USDT of fees).
      const [user] = await db.select().from(users).where(eq(users.email, email));
      const [acct] = await db.select().from(exchangeAccounts).where(eq(exchangeAccounts.userId, user!.id));
      const now = Date.now();
      await db.insert(positions).values(
        [
          [120, 5],
          [-80, 5],
          [60, 4],
          [-30, 3],
        ].map(([pnl, fees], i) => ({
          userId: user!.id,
          exchangeAccountId: acct!.id,
          symbol: "BTCUSDT",
          side: i % 2 ? ("short" as const) : ("long" as const),
          qty: 0.05,
          entryPrice: 100_000,
          closePrice: 100_000 + pnl! * 20,
          leverage: 1,
          margin: 5_000,
          status: "closed" as const,
          closeReason: i % 2 ? ("stop_loss" as const) : ("take_profit" as const),
          realizedPnl: pnl!,
          fees: fees!,
          openedAt: new Date(now + i * 60_000),
          closedAt: new Date(now + i * 60_000 + 30_000),
        })),
      );
      await page.reload();
      await page.locator('[data-testid="performance-chart"]').waitFor();
      expect(await page.locator('[data-testid="performance-net"]').textContent()).toContain("+$53.00");
      expect(await page.locator('[data-testid="performance-win-rate"]').textContent()).toContain("50%");
      expect(await page.locator('[data-testid="performance-drawdown"]').textContent()).toContain("−0.84%");
      expect(await page.locator('[data-testid="performance-fees"]').textContent()).toContain("$17.00");
      expect(await page.locator('[data-testid="performance-chart"]').getAttribute("data-points")).toBe("5");
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.waitForTimeout(500);
      await screenshot(page, name);
      if (name === "performance-panel-light") {
        await panel.getByRole("link", { name: /Public track record/ }).click();
        await page.waitForURL("**/track-record");
      }
      await ctx.close();
    }
  }, 120_000);
});
