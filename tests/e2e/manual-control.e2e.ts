// Manual control through the real app and worker: a signed-up user with an open paper position clicks "Close
// position now", confirms (twice, quickly: one action) and sees the position gone and the close in the trade log;
// "Stop and flatten" turns the auto-trade card to stopped and closes the position; switching auto-trading on
// again turns the kill switch off.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { closeDb, db } from "@/db";
import { exchangeAccounts, manualActions, orders, positions, tradingSettings, users } from "@/db/schema";
import { getAdapter } from "@/lib/exchange/get-adapter";
import { closeRedis } from "@/lib/redis";
import { launchBrowser, newContext, screenshot, signUp } from "../helpers/browser";
import { uniqueEmail } from "../helpers/db";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await closeDb();
  await closeRedis();
});

/** A new user (signed up in `page`, paper account selected) holding a long 0.01 BTC on the paper exchange. */
async function userWithLong(page: Page, tag: string) {
  const email = uniqueEmail(tag);
  await signUp(page, email);
  const user = (await db.query.users.findFirst({ where: eq(users.email, email) }))!;
  const [paper] = await db
    .select({ id: exchangeAccounts.id })
    .from(exchangeAccounts)
    .where(and(eq(exchangeAccounts.userId, user.id), eq(exchangeAccounts.exchange, "paper")));
  // Opened through the paper exchange's own adapter, as an order of Tickpilot's would be.
  const ex = await getAdapter(paper!.id, user.id);
  await ex.placeMarketOrder({
    symbol: "BTCUSDT",
    side: "buy",
    qty: 0.01,
    clientOrderId: `e2e-open-${user.id}`,
  });
  await page.reload();
  await page.locator('[data-testid="unrealized-pnl"]').waitFor();
  return { id: user.id, accountId: paper!.id };
}

const openPositions = (accountId: number) =>
  db
    .select({ id: positions.id })
    .from(positions)
    .where(and(eq(positions.exchangeAccountId, accountId), eq(positions.status, "open")));

describe("manual control", () => {
  it("closes the position now: confirm dialog, progress, the position gone and the close in the trade log", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const u = await userWithLong(page, "e2e-close");

    await page.getByRole("button", { name: "Close position now" }).click();
    const dialog = page.getByRole("alertdialog", { name: "Close your long 0.01 BTC on BTCUSDT?" });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain("one market order for the whole position");
    await screenshot(page, "manual-close-dialog-light");
    // A double click on the confirm button is one request key: one action, one close.
    await dialog.getByRole("button", { name: "Close position" }).dblclick();

    const status = page.locator('[data-testid="manual-action-status"]');
    await expect.poll(() => status.getAttribute("data-status"), { timeout: 20_000 }).toBe("done");
    expect(await status.textContent()).toMatch(/Closed 0\.01 BTCUSDT/);
    await page.locator('[data-testid="no-position"]').waitFor();
    await page
      .locator('[data-testid="recent-trades"] [data-testid="trade-row"]', {
        hasText: "Closed by you from the dashboard",
      })
      .waitFor({ timeout: 10_000 });
    const row = page.locator('[data-testid="trade-row"]').first();
    expect(await row.textContent()).toMatch(/filled.*sell \(close\)/i);
    await screenshot(page, "manual-close-done-light");

    expect(await openPositions(u.accountId)).toHaveLength(0);
    const actions = await db.select().from(manualActions).where(eq(manualActions.userId, u.id));
    expect(actions.map((a) => [a.kind, a.status])).toEqual([["close", "done"]]);
    const closes = await db
      .select()
      .from(orders)
      .where(and(eq(orders.userId, u.id), eq(orders.kind, "close")));
    expect(closes).toHaveLength(1);
    await ctx.close();
  });

  it("stop and flatten turns the card to stopped and closes the position; auto-trading on turns the kill switch off", async () => {
    const ctx = await newContext(browser, { mobile: true });
    const page = await ctx.newPage();
    const u = await userWithLong(page, "e2e-flatten");
    // Auto-trading on, but no decision acts (the built-in strategy's confidence stays under 1): the position
    // is the one opened above when the user stops.
    expect((await page.request.put("/api/settings", { data: { minConfidence: 1 } })).status()).toBe(200);
    const on = await page.request.put("/api/auto-trade", { data: { enabled: true } });
    expect(on.status()).toBe(200);
    await page.reload();
    const card = page.locator('[data-testid="auto-trade-card"]');
    await expect.poll(() => card.locator('[data-testid="auto-trade-state"]').textContent()).toBe("On");

    await card.getByRole("button", { name: "Stop and flatten" }).click();
    const dialog = page.getByRole("alertdialog", { name: "Stop auto-trading and flatten?" });
    await dialog.waitFor();
    const text = (await dialog.textContent()) ?? "";
    expect(text).toContain("your kill switch turns on");
    expect(text).toContain("closes its long 0.01 BTC position");
    expect(text).toContain("switch auto-trading back on");
    await screenshot(page, "manual-flatten-dialog-mobile-light");
    await dialog.getByRole("button", { name: "Stop and flatten" }).click();

    await expect.poll(() => card.locator('[data-testid="auto-trade-state"]').textContent()).toBe("Stopped");
    await card.locator('[data-testid="kill-switch-on"]').waitFor();
    expect(await card.getByRole("switch", { name: "Auto-trade" }).getAttribute("aria-checked")).toBe("false");
    expect(await card.getByRole("button", { name: "Stop and flatten" }).count()).toBe(0);
    const status = card.locator('[data-testid="manual-action-status"]');
    await expect.poll(() => status.getAttribute("data-status"), { timeout: 20_000 }).toBe("done");
    await page.locator('[data-testid="no-position"]').waitFor();
    await page.locator('[data-testid="kill-switch-notice"]').waitFor();
    expect(await page.locator('[data-testid="stat-auto-trade"]').textContent()).toContain("Stopped");
    await page
      .locator('[data-testid="trade-row"]', { hasText: "You stopped auto-trading and flattened" })
      .first()
      .waitFor({ timeout: 10_000 });
    await screenshot(page, "manual-flatten-stopped-mobile-light");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await openPositions(u.accountId)).toHaveLength(0);
    const stopped = await db.query.tradingSettings.findFirst({ where: eq(tradingSettings.userId, u.id) });
    expect(stopped).toMatchObject({ autoTrade: false, killSwitch: true });

    // Trading again: the switch turns auto-trading on and the kill switch off.
    await card.getByRole("switch", { name: "Auto-trade" }).click();
    await expect.poll(() => card.locator('[data-testid="auto-trade-state"]').textContent()).toBe("On");
    await card.locator('[data-testid="kill-switch-on"]').waitFor({ state: "detached" });
    await page.locator('[data-testid="kill-switch-notice"]').waitFor({ state: "detached" });
    const again = await db.query.tradingSettings.findFirst({ where: eq(tradingSettings.userId, u.id) });
    expect(again).toMatchObject({ autoTrade: true, killSwitch: false });
    await ctx.close();
  });
});
