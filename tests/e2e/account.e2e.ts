// The account lifecycle in the browser: confirm the email address, set up two-factor authentication, sign in with a
// code, "Log out" ending the session on the server, a password change signing out the other device, a forgotten
// password reset by an emailed link, and deleting the account after downloading its data. Screenshots of each page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { closeDb, db } from "@/db";
import { users } from "@/db/schema";
import { launchBrowser, newContext, screenshot, signUp, submitLogin } from "../helpers/browser";
import {
  confirmEmail,
  enrolTwoFactor,
  enterLoginCode,
  freshCode,
  linkFromOutbox,
} from "../helpers/browser-account";
import { uniqueEmail } from "../helpers/db";

const PASSWORD = "longenough-pw-1";
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await closeDb();
});

async function logOut(page: Page) {
  await page.getByRole("button", { name: /^Account menu/ }).click();
  await page.getByRole("menuitem", { name: "Log out", exact: true }).click();
  await page.waitForURL((url) => url.pathname === "/");
}

// The old cookies, replayed by a script: what a stolen cookie would get.
async function apiStatusWith(ctx: BrowserContext, cookies: Awaited<ReturnType<BrowserContext["cookies"]>>) {
  const other = await newContext(browser);
  await other.addCookies(cookies);
  const status = (await other.request.get("/api/portfolio")).status();
  await other.close();
  return status;
}

async function shotThemes(ctx: BrowserContext, path: string, name: string) {
  for (const [scheme, mobile] of [
    ["dark", false],
    ["light", true],
    ["dark", true],
  ] as const) {
    const other = await newContext(browser, { colorScheme: scheme, mobile });
    await other.addCookies(await ctx.cookies());
    const p = await other.newPage();
    await p.goto(path);
    await p.locator("h1").first().waitFor();
    await screenshot(p, `${name}-${mobile ? "mobile-" : ""}${scheme}`);
    await other.close();
  }
}

describe("account lifecycle", () => {
  it("confirms the email, sets up 2FA, signs in with a code, and Log out ends the session on the server", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const email = uniqueEmail("e2e-life");
    await signUp(page, email);
    await page.locator('[data-testid="verify-email-banner"]').waitFor();
    await screenshot(page, "dashboard-verify-email-banner");
    await page.goto(await linkFromOutbox(email, "verifyEmail"));
    await page.getByRole("button", { name: "Confirm my email address" }).waitFor();
    await screenshot(page, "verify-email-light");
    await page.getByRole("button", { name: "Confirm my email address" }).click();
    await page.getByText("Email address confirmed").waitFor();
    await screenshot(page, "verify-email-done-light");
    await page.goto("/dashboard");
    await page.locator("h1").first().waitFor();
    expect(await page.locator('[data-testid="verify-email-banner"]').count()).toBe(0);

    const { secret, recoveryCodes } = await enrolTwoFactor(page, email, (n) =>
      screenshot(page, `${n}-light`),
    );
    await screenshot(page, "security-light");
    await shotThemes(ctx, "/dashboard/security", "security");

    // Log out, then replay the old cookie: the server has ended that session.
    const before = await ctx.cookies();
    expect(await apiStatusWith(ctx, before)).toBe(200);
    await logOut(page);
    expect(await apiStatusWith(ctx, before)).toBe(401);

    // Signing in now asks for a code; a wrong one is refused in place, a recovery code works once.
    await page.goto("/login");
    await submitLogin(page, email, PASSWORD);
    await page.waitForURL("**/login/two-factor");
    await screenshot(page, "login-two-factor-light");
    await page.fill('input[name="code"]', "000000");
    await page.getByRole("button", { name: "Verify and log in" }).click();
    await page.getByText(/That code is not right/).waitFor();
    await screenshot(page, "login-two-factor-wrong-light");
    await page.fill('input[name="code"]', await freshCode(email, secret));
    await page.getByRole("button", { name: "Verify and log in" }).click();
    await page.waitForURL("**/dashboard");
    await logOut(page);
    await page.goto("/login");
    await submitLogin(page, email, PASSWORD);
    await enterLoginCode(page, recoveryCodes[0]!);
    await page.waitForURL("**/dashboard");
    await ctx.close();
  });

  it("a password change signs the other device out and keeps this one", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const email = uniqueEmail("e2e-change");
    await signUp(page, email);
    const laptop = await newContext(browser);
    const laptopPage = await laptop.newPage();
    await laptopPage.goto("/login");
    await submitLogin(laptopPage, email, PASSWORD);
    await laptopPage.waitForURL("**/dashboard");

    await page.goto("/dashboard/security");
    await page.locator('[data-testid="sessions"] li').nth(1).waitFor();
    await page.fill("#currentPassword", "wrong-password-x");
    await page.fill("#newPassword", "a-new-password-2");
    await page.fill("#confirm", "a-new-password-2");
    await page.getByRole("button", { name: "Change password" }).click();
    await page.getByText("Your current password is not right").waitFor();
    await screenshot(page, "security-password-wrong-light");
    await page.fill("#currentPassword", PASSWORD);
    await page.getByRole("button", { name: "Change password" }).click();
    await page.getByText("Password changed").waitFor();

    await laptopPage.goto("/dashboard/trades");
    await laptopPage.waitForURL((url) => url.pathname === "/login");
    await page.goto("/dashboard/trades");
    await page.locator("h1").first().waitFor();
    expect(new URL(page.url()).pathname).toBe("/dashboard/trades");
    await laptop.close();
    await ctx.close();
  });

  it("resets a forgotten password with the emailed link, once", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const email = uniqueEmail("e2e-forgot");
    await signUp(page, email);
    await ctx.clearCookies();
    await page.goto("/login");
    await page.getByRole("link", { name: "Forgot password?" }).click();
    await page.waitForURL("**/forgot-password");
    await screenshot(page, "forgot-password-light");
    await page.fill("#email", email);
    await page.getByRole("button", { name: "Send reset link" }).click();
    await page.getByText("Check your inbox").waitFor();
    await screenshot(page, "forgot-password-sent-light");

    const link = await linkFromOutbox(email, "resetPassword");
    await page.goto(link);
    await page.fill("#password", "reset-password-3");
    await page.fill("#confirm", "reset-password-3");
    await screenshot(page, "reset-password-light");
    await page.getByRole("button", { name: "Set new password" }).click();
    await page.getByText("Your password was changed").waitFor();
    await screenshot(page, "reset-password-done-light");
    await page.goto(link);
    await page.getByText("This link no longer works").waitFor();
    await screenshot(page, "reset-password-used-light");
    await page.goto("/login");
    await submitLogin(page, email, "reset-password-3");
    await page.waitForURL("**/dashboard");
    await ctx.close();
  });

  it("downloads the account's data, then deletes the account", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const email = uniqueEmail("e2e-delete");
    await signUp(page, email);
    await confirmEmail(page, email);
    const exported = await ctx.request.get("/api/account/export");
    expect(exported.status()).toBe(200);
    const data = await exported.json();
    expect(data.profile.email).toBe(email);
    expect(JSON.stringify(data)).not.toMatch(/passwordHash|argon2/);

    await page.goto("/dashboard/security");
    await page.getByRole("button", { name: "Delete account" }).click();
    await page.fill("#delete-password", PASSWORD);
    await page.fill("#delete-confirm", "delete");
    await page.getByRole("button", { name: "Delete my account" }).click();
    await page.getByText("Type DELETE in capital letters").waitFor();
    await screenshot(page, "security-delete-dialog-light");
    await page.fill("#delete-confirm", "DELETE");
    await page.getByRole("button", { name: "Delete my account" }).click();
    await page.waitForURL((url) => url.pathname === "/");
    expect(await db.query.users.findFirst({ where: eq(users.email, email) })).toBeUndefined();
    await page.goto("/login");
    await submitLogin(page, email, PASSWORD);
    await page.locator('[role="alert"]').filter({ hasText: "Invalid email or password." }).waitFor();
    await ctx.close();
  });
});
