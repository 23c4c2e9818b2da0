// The trading dashboard end to end, with the replay sped up (REPLAY_SPEED=30) and a 10 s tick: a new user
// (paper account selected at sign-up) turns auto-trade on, sees the built-in strategy's decision of each new
// tick with its reason, and — once the installation decides with the language model (the real openai client
// against a local OpenAI-compatible server that answers "buy"; the built-in strategy trades only a few times a
// day) — a decision marker on the chart and the resulting order in the trade log; without a selected account
// the switch is refused and rolls back.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { closeDb, db } from "@/db";
import { orders, positions, tradingSettings, users } from "@/db/schema";
import { setSystemSetting } from "@/lib/system/settings";
import { launchBrowser, newContext, screenshot, signUp } from "../helpers/browser";
import { uniqueEmail } from "../helpers/db";

let browser: Browser;
/** Ticks (10 s each) to wait for the first buy/sell/close before calling the run broken. */
const MAX_TICKS = 15;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await closeDb();
});

const userId = async (email: string) =>
  (await db.query.users.findFirst({ where: eq(users.email, email) }))!.id;

// Wait until the trade log shows a row; fail with what the decisions were if none came within MAX_TICKS.
async function waitForTrade(page: Page): Promise<void> {
  const deadline = Date.now() + MAX_TICKS * 10_000;
  while (Date.now() < deadline) {
    if ((await page.locator('[data-testid="trade-row"]').count()) > 0) return;
    await page.waitForTimeout(1_000);
  }
  const res = await page.request.get("/api/decisions?limit=50");
  const { items } = (await res.json()) as { items: { action: string; status: string }[] };
  const actions = items.map((d) => `${d.action}/${d.status}`).join(", ") || "none";
  throw new Error(`no order in the trade log after ${MAX_TICKS} ticks; decisions seen: ${actions}`);
}

describe("trading dashboard", () => {
  it("turns auto-trade on and shows the decision marker and the resulting order", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const email = uniqueEmail("e2e-trade");
    await signUp(page, email);
    const id = await userId(email);

    // The paper account is selected at sign-up; the built-in strategy is labelled as such.
    await expect.poll(() => page.locator('[data-testid="auto-trade-card"]').textContent()).toContain("Paper");
    await expect
      .poll(() => page.locator('[data-testid="strategy-badge"]').first().textContent())
      .toContain("Built-in indicator strategy (no AI)");
    await expect.poll(() => page.locator('[data-testid="next-tick"]').textContent()).toMatch(/\d:\d\d/);

    // Every non-hold decision should lead to an order for this user: minimum confidence 0.
    const put = await page.request.put("/api/settings", { data: { minConfidence: 0 } });
    expect(put.status()).toBe(200);

    await page.getByRole("switch", { name: "Auto-trade" }).click();
    await expect.poll(() => page.locator('[data-testid="auto-trade-state"]').textContent()).toBe("On");
    const autoTradeSaved = async () =>
      (await db.query.tradingSettings.findFirst({ where: eq(tradingSettings.userId, id) }))?.autoTrade;
    await expect.poll(autoTradeSaved).toBe(true);

    // The built-in strategy decides at every tick for the user's risk level, holds included: a new decision
    // with its reason shows up on the card within a few ticks of switching on.
    const firstTime = await page.locator('[data-testid="decision-time"]').textContent();
    await expect
      .poll(() => page.locator('[data-testid="decision-time"]').textContent(), {
        timeout: 5 * 10_000,
        interval: 500,
      })
      .not.toBe(firstTime);
    expect(await page.locator('[data-testid="decision-reason"]').textContent()).toMatch(
      /^(No entry|Keeping the|Cooling down|Closing the|Long:|Short:|Warming up|Entry setup)/,
    );

    // The order flow: decisions from the language model (it answers buy) become orders for this user.
    await setSystemSetting("provider", "openai", null);
    try {
      await waitForTrade(page);
    } finally {
      await setSystemSetting("provider", null, null);
    }
    const row = page.locator('[data-testid="trade-row"]').first();
    expect(await row.locator('[data-slot="badge"]').first().textContent()).toMatch(
      /^(filled|placed|skipped)$/,
    );

    // The order came from a buy/sell/close decision, which is on the chart as a marker.
    const [order] = await db.select().from(orders).where(eq(orders.userId, id));
    expect(order?.decisionId).toBeTruthy();
    await expect
      .poll(() => page.locator('[data-testid="decision-marker"]').count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    const marker = (await page.locator('[data-testid="decision-marker"]').first().textContent()) ?? "";
    expect(marker).toMatch(/^(buy|sell|close) at \d\d:\d\d UTC/);
    expect(await page.locator('[data-testid="decision-reason"]').textContent()).not.toBe("");

    // An open position in the book shows on the card with a live unrealised PnL (it may close again quickly
    // at 30× speed: a stop loss, take profit or the next decision).
    const shown = async () => {
      const open = await db
        .select({ id: positions.id })
        .from(positions)
        .where(and(eq(positions.userId, id), eq(positions.status, "open")));
      const onCard = await page.locator('[data-testid="unrealized-pnl"]').count();
      return open.length === 0 || onCard === 1;
    };
    await expect.poll(shown, { timeout: 35_000 }).toBe(true);
    await screenshot(page, "dashboard-trading-light");
    await ctx.close();
  }, 240_000);

  it("refuses auto-trade without a selected account and rolls the switch back", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const email = uniqueEmail("e2e-trade-noacct");
    await signUp(page, email);
    const id = await userId(email);
    await db
      .update(tradingSettings)
      .set({ exchangeAccountId: null })
      .where(and(eq(tradingSettings.userId, id)));
    await page.reload();
    await page.locator('[data-testid="no-account-notice"]').waitFor();

    await page.getByRole("switch", { name: "Auto-trade" }).click();
    await page.locator('[data-testid="auto-trade-error"]').waitFor();
    expect(await page.locator('[data-testid="auto-trade-error"]').textContent()).toContain(
      "Select an exchange account",
    );
    expect(await page.getByRole("switch", { name: "Auto-trade" }).getAttribute("aria-checked")).toBe("false");
    expect(await page.locator('[data-testid="auto-trade-state"]').textContent()).toBe("Off");
    await page.getByRole("link", { name: "Open Exchange keys" }).waitFor();
    await screenshot(page, "dashboard-no-account-light");
    const settings = await db.query.tradingSettings.findFirst({ where: eq(tradingSettings.userId, id) });
    expect(settings?.autoTrade).toBe(false);
    await ctx.close();
  });

  it("looks right in dark mode and on a phone", async () => {
    for (const [name, opts] of [
      ["dashboard-trading-dark", { colorScheme: "dark" as const }],
      ["dashboard-trading-mobile-light", { mobile: true }],
      ["dashboard-trading-mobile-dark", { mobile: true, colorScheme: "dark" as const }],
    ] as const) {
      const ctx = await newContext(browser, opts);
      const page = await ctx.newPage();
      const email = uniqueEmail("e2e-trade-look");
      await signUp(page, email);
      if (name === "dashboard-trading-dark") {
        // The daily loss limit switched auto-trading off: the dashboard says so, with the reason.
        await db
          .update(tradingSettings)
          .set({ pausedReason: "Daily loss limit of 100 USDT reached", pausedAt: new Date() })
          .where(eq(tradingSettings.userId, await userId(email)));
        await page.reload();
        const notice = page.locator('[data-testid="paused-notice"]');
        await notice.waitFor();
        expect(await notice.textContent()).toContain("Daily loss limit of 100 USDT reached");
        expect(await page.locator('[data-testid="stat-auto-trade"]').textContent()).toContain("Paused");
      }
      await page.locator('[data-testid="candle-chart"][data-bars="300"]').waitFor({ timeout: 30_000 });
      await page.waitForTimeout(500);
      await screenshot(page, name);
      await ctx.close();
    }
  });
});
