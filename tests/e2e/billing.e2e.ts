// Billing in the browser: a free user sees the plans, starts Stripe Checkout (the local fake), and after the
// webhook lands the billing page shows Pro. Screenshots in light/dark, desktop/mobile.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { inject } from "vitest";
import type { Browser } from "playwright-core";
import { closeDb, db } from "@/db";
import { stripeEvents, subscriptions, users } from "@/db/schema";
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

describe.skipIf(Boolean(inject("stripeURL")))("billing off (E2E_BILLING=off)", () => {
  it("says plainly that every feature is unlocked, with no operator instructions", async () => {
    for (const [scheme, mobile] of [
      ["light", false],
      ["dark", false],
      ["light", true],
      ["dark", true],
    ] as const) {
      const ctx = await newContext(browser, { colorScheme: scheme, mobile });
      const page = await ctx.newPage();
      await signUp(page, uniqueEmail("e2e-selfhosted"));
      await page.goto("/billing");
      await page.getByTestId("self-hosted").waitFor();
      const main = (await page.textContent("main")) ?? "";
      expect(main).toContain("Every feature is unlocked on this installation");
      expect(main).not.toMatch(/STRIPE_|price id|Payments are handled by Stripe/i);
      if (!mobile) expect(await page.textContent("aside")).toContain("Elite · every feature unlocked");
      // The account menu and the billing page agree on the plan.
      await page.locator('header button[data-slot="dropdown-menu-trigger"]').last().click();
      await expect.poll(() => page.getByRole("menu").textContent()).toContain("Elite");
      await page.keyboard.press("Escape");
      const res = await page.request.post("/api/billing/checkout", { data: { plan: "pro" } });
      expect(res.status()).toBe(409);
      await screenshot(page, `billing-self-hosted-${mobile ? "mobile" : "desktop"}-${scheme}`);

      // The landing page's plan buttons lead to sign-up and say nothing is for sale.
      await page.goto("/#pricing");
      await page.getByTestId("pricing-unlocked").waitFor();
      expect(await page.getByTestId("pricing-unlocked").textContent()).toContain(
        "This installation has every feature unlocked",
      );
      const ctas = page.locator("#pricing [data-plan] a");
      expect(await ctas.count()).toBe(3);
      for (const href of await ctas.evaluateAll((as) => as.map((a) => a.getAttribute("href"))))
        expect(href).toMatch(/^\/signup/);
      expect(await page.locator("#pricing").textContent()).not.toContain("Get Pro");
      if (process.env.SHOTS_DIR)
        await page.locator("#pricing").screenshot({
          path: `${process.env.SHOTS_DIR}/pricing-unlocked-${mobile ? "mobile" : "desktop"}-${scheme}.png`,
        });
      await ctx.close();
    }
  });
});

describe.skipIf(!inject("stripeURL"))("billing in the browser", () => {
  it("refuses the billing API without a session", async () => {
    const res = await fetch(`${inject("baseURL")}/api/billing/checkout`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ plan: "pro" }),
    });
    expect(res.status).toBe(401);
    const hook = await fetch(`${inject("baseURL")}/api/stripe/webhook`, { method: "POST", body: "{}" });
    expect(hook.status).toBe(400);
  });

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
    await screenshot(page, "billing-free-desktop-light");

    await page.click('[data-plan="pro"] button:has-text("Upgrade to Pro")');
    await page.waitForURL("**/billing?checkout=success", { timeout: 30_000 });
    await expect
      .poll(() => page.getByTestId("current-plan-name").textContent(), { timeout: 30_000, interval: 500 })
      .toBe("Pro");
    await expect.poll(() => page.getByTestId("subscription-status").textContent()).toBe("Active");
    await expect.poll(() => page.getByTestId("checkout-confirmed").isVisible()).toBe(true);
    expect(await page.textContent("body")).toMatch(/Renews on/);
    await screenshot(page, "billing-pro-desktop-light");

    const [user] = await db.select().from(users).where(eq(users.email, email));
    expect(user).toMatchObject({ plan: "pro" });
    expect(user!.stripeCustomerId).toMatch(/^cus_/);
    const subs = await db.select().from(subscriptions).where(eq(subscriptions.userId, user!.id));
    expect(subs).toMatchObject([{ plan: "pro", status: "active" }]);
    const events = await db.select().from(stripeEvents);
    expect(events.filter((e) => e.type === "checkout.session.completed")[0]?.status).toBe("processed");

    // The sidebar card follows the plan; the Manage billing button opens the (fake) portal.
    await expect.poll(() => page.textContent("aside"), { timeout: 10_000 }).toContain("Pro plan");
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
      await screenshot(p, `billing-pro-${mobile ? "mobile" : "desktop"}-${scheme}`);
      await c.close();
    }
    // Bad input and a second checkout are refused with clear messages.
    const bad = await page.request.post("/api/billing/checkout", { data: { plan: "free" } });
    expect(bad.status()).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toBe(
      "plan: Choose the Pro or Elite plan",
    );
    const again = await page.request.post("/api/billing/checkout", { data: { plan: "elite" } });
    expect(again.status()).toBe(409);

    // Past due (as Stripe would report it): live trading paused, notice on the billing page.
    await db.update(subscriptions).set({ status: "past_due" }).where(eq(subscriptions.userId, user!.id));
    await page.goto("/billing");
    await expect.poll(() => page.getByTestId("subscription-status").textContent()).toBe("Past due");
    const notice = await page.getByTestId("plan-notice").textContent();
    expect(notice).toContain(
      "Your Pro subscription is past due: no new live trades are opened until the payment goes through.",
    );
    expect(notice).toContain("keeps its stop-loss and take-profit on the exchange");
    expect(notice).not.toMatch(/paper trading continues/i);
    await screenshot(page, "billing-past-due-desktop-light");
    await db.update(subscriptions).set({ status: "active" }).where(eq(subscriptions.userId, user!.id));

    await page.goto("/billing");
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
      await screenshot(page, `billing-waiting-mobile-${scheme}`);
      await page.goto("/billing?checkout=cancelled&upgrade=elite");
      await page.getByTestId("current-plan-name").waitFor();
      await expect.poll(() => page.textContent("main")).toContain("Checkout cancelled");
      await screenshot(page, `billing-free-mobile-${scheme}`);
      if (scheme === "dark") {
        await page.setViewportSize({ width: 1440, height: 900 });
        await page.goto("/billing?upgrade=elite");
        await page.getByTestId("current-plan-name").waitFor();
        await screenshot(page, "billing-free-desktop-dark");
      }
      await ctx.close();
    }
  });
});
