// How live accounts look, light and dark, desktop and a 390 px phone: the dashboard of a live account as the
// reconcile worker left it (sync age, leverage and margin mode read back, the owner's own position and open
// order, the new trade-log states), a sync that failed, and the admin's table of live accounts out of sync.
// The synced state is written straight into account_sync and positions (the account has no stored key, so no
// reconcile pass runs for it); the reconcile worker itself is tested in tests/integration.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { closeDb, db } from "@/db";
import { accountSync, exchangeAccounts, orders, positions, tradingSettings, users } from "@/db/schema";
import { registerUser } from "@/lib/auth/register";
import { latestCandle } from "@/lib/market/series";
import { closeRedis } from "@/lib/redis";
import { launchBrowser, newContext, screenshot, signUp, submitLogin } from "../helpers/browser";
import { enrolTwoFactor } from "../helpers/browser-account";
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

const LOOKS = [
  ["light", { colorScheme: "light" as const }],
  ["dark", { colorScheme: "dark" as const }],
  ["mobile-light", { mobile: true, colorScheme: "light" as const }],
  ["mobile-dark", { mobile: true, colorScheme: "dark" as const }],
] as const;

/** A live Bybit account of `userId` as a sync left it, selected for trading; returns its id. */
async function syncedLiveAccount(
  userId: number,
  sync: { lastError?: string; divergence?: string; ageMs?: number } = {},
): Promise<number> {
  await db.update(users).set({ plan: "elite" }).where(eq(users.id, userId));
  const [row] = await db
    .insert(exchangeAccounts)
    .values({ userId, exchange: "bybit", label: "Bybit main", keyHint: "Xk9P…Q2mT" })
    .$returningId();
  const id = row!.id;
  const now = Date.now();
  await db.insert(accountSync).values({
    exchangeAccountId: id,
    syncedAt: new Date(now - (sync.ageMs ?? 12_000)),
    equity: 5_210.5,
    available: 3_980.25,
    leverage: 5,
    marginMode: "isolated",
    foreignOpenOrders: 1,
    divergence: sync.divergence ?? null,
    divergedAt: sync.divergence ? new Date(now - 4 * 60_000) : null,
    lastError: sync.lastError ?? null,
    lastErrorAt: sync.lastError ? new Date(now - 40_000) : null,
  });
  await db.update(tradingSettings).set({ exchangeAccountId: id }).where(eq(tradingSettings.userId, userId));
  return id;
}

/** The owner's own short on the account, and trade-log rows in the new states. */
async function ownPositionAndTrades(userId: number, accountId: number): Promise<void> {
  const price = (await latestCandle("BTCUSDT"))?.c ?? 100_000;
  const entry = Math.round(price * 1.004);
  await db.insert(positions).values({
    userId,
    exchangeAccountId: accountId,
    symbol: "BTCUSDT",
    side: "short",
    qty: 0.05,
    entryPrice: entry,
    leverage: 5,
    margin: (0.05 * entry) / 5,
    liquidationPrice: Math.round(entry * 1.19),
    status: "open",
    openKey: `${accountId}:BTCUSDT`,
    origin: "foreign",
  });
  const at = (minAgo: number) => new Date(Date.now() - minAgo * 60_000);
  const base = { userId, exchangeAccountId: accountId, symbol: "BTCUSDT", leverage: 3 };
  await db.insert(orders).values([
    {
      ...base,
      clientOrderId: `look-${userId}-1`,
      kind: "open",
      side: "buy",
      qty: 0.02,
      filledQty: 0.012,
      price: entry - 150,
      status: "partially_filled",
      reason: "Buy signal: EMA trend up",
      createdAt: at(20),
    },
    {
      ...base,
      clientOrderId: `look-${userId}-2`,
      kind: "manual",
      side: "sell",
      qty: 0.012,
      filledQty: 0.012,
      price: entry + 80,
      fee: 0.33,
      status: "filled",
      reason: "Closed by you on the exchange",
      createdAt: at(12),
    },
    {
      ...base,
      clientOrderId: `look-${userId}-3`,
      kind: "open",
      side: "sell",
      qty: 0.02,
      filledQty: 0,
      status: "rejected",
      reason: "Insufficient available balance",
      createdAt: at(8),
    },
    {
      ...base,
      clientOrderId: `look-${userId}-4`,
      kind: "open",
      side: "sell",
      qty: 0.01,
      filledQty: 0,
      status: "cancelled",
      reason: "Sell signal: momentum fading",
      createdAt: at(4),
    },
  ]);
}

const noPageOverflow = async (page: Page) =>
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    page.viewportSize()!.width,
  );

describe("live accounts, as people see them", () => {
  it("the dashboard of a live account: sync age, read-back settings, the owner's own position", async () => {
    for (const [look, opts] of LOOKS) {
      const ctx = await newContext(browser, opts);
      const page = await ctx.newPage();
      const email = uniqueEmail(`e2e-live-${look}`);
      await signUp(page, email);
      const userId = (await db.query.users.findFirst({ where: eq(users.email, email) }))!.id;
      const accountId = await syncedLiveAccount(userId);
      await ownPositionAndTrades(userId, accountId);
      await page.reload();
      const card = page.locator('[data-testid="position-card"]');
      await card.locator('[data-testid="foreign-position"]').waitFor();
      expect(await card.textContent()).toContain("Opened by you on the exchange — Tickpilot leaves it alone");
      await expect
        .poll(() => card.locator('[data-testid="sync-age"]').textContent())
        .toMatch(/^Synced 1\d s ago$/);
      expect(await card.locator('[data-testid="read-back"]').textContent()).toBe(
        "5x · isolated on the exchange",
      );
      const close = card.getByRole("button", { name: "Close position now" });
      expect(await close.isDisabled()).toBe(true);
      expect(await card.getByRole("button", { name: "Cancel open orders" }).isEnabled()).toBe(true);
      const log = page.locator('[data-testid="recent-trades"]');
      await log.getByText("0.012 of 0.02").waitFor();
      expect(await log.textContent()).toMatch(/sell \(closed by you\)/i);
      await page.locator('[data-testid="candle-chart"][data-bars="300"]').waitFor({ timeout: 30_000 });
      await noPageOverflow(page);
      await screenshot(page, `dashboard-live-${look}`);
      await ctx.close();
    }
  }, 180_000);

  it("a sync that could not read the exchange says so, with the last synced figures", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const email = uniqueEmail("e2e-live-error");
    await signUp(page, email);
    const userId = (await db.query.users.findFirst({ where: eq(users.email, email) }))!.id;
    await syncedLiveAccount(userId, { lastError: "Bybit could not be reached (timeout)", ageMs: 9 * 60_000 });
    await page.reload();
    const error = page.locator('[data-testid="sync-error"]');
    await error.waitFor();
    expect(await error.textContent()).toContain(
      "The exchange could not be read at the last syncBybit could not be reached (timeout). The figures shown",
    );
    expect(await page.locator('[data-testid="stat-equity"]').textContent()).toContain(
      "As of the last good sync",
    );
    await expect.poll(() => page.locator('[data-testid="sync-age"]').textContent()).toBe("Synced 9 min ago");
    await screenshot(page, "dashboard-live-sync-error-light");
    await ctx.close();
  });

  it("the admin's table of live accounts out of sync", async () => {
    const seeded: string[] = [];
    for (const [tag, sync] of [
      [
        "diverge",
        { divergence: "BTCUSDT: the exchange holds long 0.02 at 97,450, the ledger long 0.01 at 97,450." },
      ],
      ["unread", { lastError: "Bybit answered 10003: API key is invalid" }],
    ] as const) {
      const email = uniqueEmail(`e2e-oos-${tag}`);
      const { id } = await registerUser({ email, password: "longenough-pw-1" });
      await syncedLiveAccount(id, sync);
      seeded.push(email);
    }
    const state = await adminState();
    for (const [look, opts] of LOOKS) {
      const ctx: BrowserContext = await browser.newContext({
        baseURL: inject("baseURL"),
        storageState: state,
        colorScheme: opts.colorScheme,
        viewport: "mobile" in opts ? { width: 390, height: 844 } : { width: 1440, height: 900 },
      });
      const page = await ctx.newPage();
      await page.goto("/admin");
      // A table on wider screens, one block per account on a phone.
      const table = page.getByRole("mobile" in opts ? "list" : "table", {
        name: "Live accounts out of sync",
      });
      await table.waitFor();
      for (const email of seeded) await table.getByText(email).waitFor();
      expect(await table.textContent()).toContain("the exchange holds long 0.02 at 97,450");
      expect(await table.textContent()).toContain("API key is invalid");
      await page.locator('[data-testid="reconcile-figures"]').waitFor();
      await noPageOverflow(page);
      await table.scrollIntoViewIfNeeded();
      await screenshot(page, `admin-out-of-sync-${look}`);
      await ctx.close();
    }
  }, 180_000);
});

// One admin with two-factor authentication set up, signed in once for the whole file.
async function adminState() {
  const email = uniqueEmail("e2e-live-admin");
  await registerUser({ email, password: "longenough-pw-1" }, { role: "admin" });
  const ctx = await newContext(browser);
  const page = await ctx.newPage();
  await page.goto("/login");
  await submitLogin(page, email, "longenough-pw-1");
  // An admin starts in the console, which first asks for two-factor authentication.
  await page.waitForURL("**/dashboard/security?required=admin");
  await page.goto("/admin");
  await page.waitForURL("**/dashboard/security?required=admin");
  await enrolTwoFactor(page, email);
  const state = await ctx.storageState();
  await ctx.close();
  return state;
}
