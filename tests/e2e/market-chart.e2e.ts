// The dashboard chart: candles from the shared feed render, a new candle arrives over the SSE stream, the
// interval switcher re-buckets, and /api/kline validates its parameters for signed-in users only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, newContext, screenshot, signUp } from "../helpers/browser";
import { uniqueEmail } from "../helpers/db";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const chart = (page: Page) => page.locator('[data-testid="candle-chart"]');
const lastTime = async (page: Page) => Number(await chart(page).getAttribute("data-last-time"));

describe("market chart", () => {
  it("renders candles and shows a new candle from the stream", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signUp(page, uniqueEmail("e2e-chart"));
    await expect.poll(() => chart(page).getAttribute("data-bars"), { timeout: 30_000 }).toBe("300");
    expect(await chart(page).locator("canvas").count()).toBeGreaterThan(0);
    await expect
      .poll(() => page.locator('[data-testid="last-price"]').textContent())
      .toMatch(/^[\d,]+\.\d\d$/);
    expect(await page.locator('[data-testid="stale-banner"]').count()).toBe(0);
    await screenshot(page, "dashboard-chart-light");

    // The replay advances one candle a minute (× REPLAY_SPEED): a newer candle arrives over the stream
    // without a reload, on the next whole minute(s).
    const first = await lastTime(page);
    await expect.poll(() => lastTime(page), { timeout: 75_000, interval: 500 }).toBeGreaterThan(first);
    const step = (await lastTime(page)) - first;
    expect(step % 60_000).toBe(0);
    expect(step).toBeGreaterThanOrEqual(60_000);

    const fifteen = page.getByRole("group", { name: "Candle interval" }).getByRole("button", { name: "15m" });
    await fifteen.click();
    expect(await fifteen.getAttribute("aria-pressed")).toBe("true");
    await expect.poll(async () => (await lastTime(page)) % 900_000, { timeout: 15_000 }).toBe(0);
    // One badge says where the candles come from; the % change says over what period.
    const badges = await page.getByTestId("feed-badge").allTextContents();
    expect(badges).toHaveLength(1);
    expect(badges[0]).toMatch(/^Live( replay)?$/);
    expect(await page.getByText("Replay", { exact: true }).count()).toBe(0);
    expect(await page.getByTestId("price-change").textContent()).toMatch(/%\s*over \d+ (min|h|days)$/);
    await ctx.close();
  }, 120_000);

  it("looks right in dark mode and on a phone", async () => {
    for (const [name, opts] of [
      ["dashboard-chart-dark", { colorScheme: "dark" as const }],
      ["dashboard-chart-mobile-light", { mobile: true }],
      ["dashboard-chart-mobile-dark", { mobile: true, colorScheme: "dark" as const }],
    ] as const) {
      const ctx = await newContext(browser, opts);
      const page = await ctx.newPage();
      await signUp(page, uniqueEmail("e2e-chart-look"));
      await expect.poll(() => chart(page).getAttribute("data-bars"), { timeout: 30_000 }).toBe("300");
      await page.waitForTimeout(500);
      await screenshot(page, name);
      await ctx.close();
    }
  });

  it("validates /api/kline and refuses anonymous callers", async () => {
    const anon = await newContext(browser);
    const res = await anon.request.get("/api/kline?symbol=BTCUSDT");
    expect(res.status()).toBe(401);
    expect((await anon.request.get("/api/stream")).status()).toBe(401);
    await anon.close();

    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signUp(page, uniqueEmail("e2e-kline"));
    const ok = await ctx.request.get("/api/kline?symbol=BTCUSDT&interval=5m&count=30");
    expect(ok.status()).toBe(200);
    const body = (await ok.json()) as { candles: { t: number }[]; feed: { stale: boolean } };
    expect(body.candles).toHaveLength(30);
    expect(body.candles.every((c) => c.t % 300_000 === 0)).toBe(true);
    expect(body.feed.stale).toBe(false);
    for (const [query, field] of [
      ["symbol=DOGEUSDT", "symbol"],
      ["symbol=BTCUSDT&interval=3m", "interval"],
      ["symbol=BTCUSDT&count=0", "count"],
      ["symbol=BTCUSDT&count=5001", "count"],
    ]) {
      const bad = await ctx.request.get(`/api/kline?${query}`);
      expect(bad.status()).toBe(400);
      const err = (await bad.json()) as { error: { message: string; fields: Record<string, string> } };
      expect(err.error.message).toContain(field);
      expect(Object.keys(err.error.fields)).toEqual([field]);
    }
    await ctx.close();
  });
});
