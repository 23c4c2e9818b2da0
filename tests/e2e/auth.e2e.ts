// The account flows a person clicks through: sign up, log out, wrong password, redirect back after login,
// and a suspended user's next page load.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { closeDb, db } from "@/db";
import { users } from "@/db/schema";
import { launchBrowser, newContext, screenshot, signUp, submitLogin } from "../helpers/browser";
import { uniqueEmail } from "../helpers/db";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await closeDb();
});

describe("accounts in the browser", () => {
  it("signs up and lands on the dashboard, then logs out", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const email = uniqueEmail("e2e-signup");
    await signUp(page, email);
    await expect.poll(() => page.locator("h1").first().textContent()).toContain("Dashboard");
    const row = await db.query.users.findFirst({ where: eq(users.email, email) });
    expect(row?.status).toBe("active");
    await screenshot(page, "dashboard-new-user");

    await page.getByRole("button", { name: /^Account menu/ }).click();
    await page.getByRole("menuitem", { name: "Log out" }).click();
    await page.waitForURL((url) => url.pathname === "/");
    // The landing page confirms it, and the address loses its marker.
    await page.getByText("You are logged out.").waitFor();
    await page.waitForURL((url) => url.search === "");
    await page.goto("/dashboard");
    await page.waitForURL("**/login?next=%2Fdashboard");
    await ctx.close();
  });

  it("shows one generic error for a wrong password and for an unknown email", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const email = uniqueEmail("e2e-wrong");
    await signUp(page, email);
    await ctx.clearCookies();

    await page.goto("/login");
    await submitLogin(page, email, "definitely-wrong-pw");
    const alert = page.locator('[role="alert"]').filter({ hasText: "Invalid email or password." });
    await alert.waitFor();
    expect(new URL(page.url()).pathname).toBe("/login");
    // What was typed stays, so a typo can be fixed rather than retyped.
    expect(await page.inputValue('input[name="password"]')).toBe("definitely-wrong-pw");
    expect(await page.inputValue('input[name="email"]')).toBe(email);
    await page.getByRole("link", { name: "Forgot password?" }).waitFor();
    await screenshot(page, "login-wrong-password");

    // Signing up again with the same address offers the login page as a real link.
    await page.goto("/signup");
    await page.fill('input[name="email"]', email);
    await page.fill('input[name="password"]', "longenough-pw-2");
    await page.click('button[type="submit"]:has-text("Create account")');
    await page.getByRole("link", { name: "Log in instead." }).waitFor();
    expect(await page.inputValue('input[name="password"]')).toBe("longenough-pw-2");
    expect(await page.getByRole("link", { name: "terms of service" }).getAttribute("href")).toBe("/terms");
    await screenshot(page, "signup-email-taken");
    await page.getByRole("link", { name: "Log in instead." }).click();
    await page.waitForURL("**/login");

    await page.goto("/login");
    await submitLogin(page, uniqueEmail("e2e-nobody"), "definitely-wrong-pw");
    await page.locator('[role="alert"]').filter({ hasText: "Invalid email or password." }).waitFor();
    await ctx.close();
  });

  it("sends a signed-out visitor of a deep page to login and back there after logging in", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const email = uniqueEmail("e2e-next");
    await signUp(page, email);
    await ctx.clearCookies();

    await page.goto("/dashboard/settings");
    await page.waitForURL("**/login?next=%2Fdashboard%2Fsettings");
    await submitLogin(page, email, "longenough-pw-1");
    await page.waitForURL((url) => url.pathname === "/dashboard/settings");
    await expect.poll(() => page.locator("h1").first().textContent()).toContain("Settings");
    await ctx.close();
  });

  it("ends a suspended user's session at their next page load", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const email = uniqueEmail("e2e-suspend");
    await signUp(page, email);
    await db.update(users).set({ status: "suspended" }).where(eq(users.email, email));
    await page.goto("/dashboard/trades");
    await page.waitForURL((url) => url.pathname === "/login");
    expect(new URL(page.url()).searchParams.get("next")).toBe("/dashboard/trades");
    await ctx.close();
  });

  it("the JSON sign-up API answers bad input with 400 and the field message", async () => {
    const base = (await import("vitest")).inject("baseURL");
    const res = await fetch(`${base}/api/auth/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "nope", password: "x" }),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields.email).toMatch(/valid email/);
  });
});
