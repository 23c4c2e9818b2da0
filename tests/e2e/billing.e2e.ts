// Billing in the browser: a free user sees the plans, starts Stripe Checkout (the local fake), and after the
// webhook lands the billing page shows Pro. Screenshots in light/dark, desktop/mobile.
import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { inject } from "vitest";
import type { Browser, Page } from "playwright-core";
import { closeDb, db } from "@/db";
import { stripeEvents, subscriptions, users } from "@/db/schema";
import { launchBrowser, newContext, screenshot, signUp } from "../helpers/browser";
import { uniqueEmail } from "../helpers/db";

const SHOTS = process.env.SHOTS_DIR;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
  if (SHOTS) mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await closeDb();
});

// Extra screenshots for people reviewing the UI (SHOTS_DIR=/tmp/shots-6).
async function shot(page: Page, name: string) {
  await screenshot(page, name);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

describe.skipIf(!inject("stripeURL"))("billing in the browser", () => {
  it("a free user upgrades through Checkout and sees Pro after the webhook", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const email = uniqueEmail("e2e-billing");
    await signUp(page, email);

    // The landing page's pricing links into the billing page with the plan highlighted.
    await page.goto("/billing?upgrade=pro");
    await expect.poll(() => page.getByTestId("current-plan-name").textContent()).toBe("Free");
    await expect.poll(() => page.locator('[data-plan="pro"]').textContent()).toContain("Selected");
    expect(await page.locator('[data-plan="elite"] button').textContent()).toContain("Upgrade to Elite");
    await shot(page, "billing-free-desktop-light");

    await page.click('[data-plan="pro"] button:has-text("Upgrade to Pro")');
    await page.waitForURL("**/billing?checkout=success", { timeout: 30_000 });
    await expect
      .poll(() => page.getByTestId("current-plan-name").textContent(), { timeout: 30_000, interval: 500 })
      .toBe("Pro");
    await expect.poll(() => page.getByTestId("subscription-status").textContent()).toBe("Active");
    await expect.poll(() => page.getByTestId("checkout-confirmed").isVisible()).toBe(true);
    expect(await page.textContent("body")).toMatch(/Renews on/);
    await shot(page, "billing-pro-desktop-light");

    const [user] = await db.select().from(users).where(eq(users.email, email));
    expect(user).toMatchObject({ plan: "pro" });
    expect(user!.stripeCustomerId).toMatch(/^cus_/);
    const subs = await db.select().from(subscriptions).where(eq(subscriptions.userId, user!.id));
    expect(subs).toMatchObject([{ plan: "pro", status: "active" }]);
    const events = await db.select().from(stripeEvents);
    expect(events.filter((e) => e.type === "checkout.session.completed")[0]?.status).toBe("processed");

    // The sidebar card follows the plan; the Manage billing button opens the (fake) portal.
    await expect.poll(() => page.textContent("aside")).toContain("Pro plan");
    for (const [scheme, mobile] of [
      ["dark", false],
      ["light", true],
      ["dark", true],
    ] as const) {
      const c = await newContext(browser, { colorScheme: scheme, mobile });
      await c.addCookies(await ctx.cookies());
      const p = await c.newPage();
      await p.goto("/billing");
      await p.getByTestId("current-plan-name").waitFor();
      await shot(p, `billing-pro-${mobile ? "mobile" : "desktop"}-${scheme}`);
      await c.close();
    }
    await page.click('button:has-text("Manage billing")');
    await page.waitForURL(/\/portal\/bps_/);
    expect(await page.textContent("h1")).toContain("Customer Portal");
    await ctx.close();
  });

  it("shows the waiting state while Stripe has not confirmed, and the free plans on mobile", async () => {
    for (const scheme of ["light", "dark"] as const) {
      const ctx = await newContext(browser, { colorScheme: scheme, mobile: true });
      const page = await ctx.newPage();
      await signUp(page, uniqueEmail("e2e-billing-m"));
      await page.goto("/billing?checkout=success");
      await expect.poll(() => page.getByTestId("checkout-waiting").isVisible()).toBe(true);
      await shot(page, `billing-waiting-mobile-${scheme}`);
      await page.goto("/billing?checkout=cancelled&upgrade=elite");
      await page.getByTestId("current-plan-name").waitFor();
      await expect.poll(() => page.textContent("main")).toContain("Checkout cancelled");
      await shot(page, `billing-free-mobile-${scheme}`);
      if (scheme === "dark") {
        await page.setViewportSize({ width: 1440, height: 900 });
        await page.goto("/billing?upgrade=elite");
        await page.getByTestId("current-plan-name").waitFor();
        await shot(page, "billing-free-desktop-dark");
      }
      await ctx.close();
    }
  });
});
