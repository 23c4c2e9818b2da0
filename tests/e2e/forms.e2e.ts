// Form and table details a person notices: the settings form reports every bad field at once in the field's own
// words and units, counts the prompt's characters and says which leverage orders really get; the audit log takes
// an email in its filter and shows whole emails and details.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { closeDb, db } from "@/db";
import { tradingSettings, users } from "@/db/schema";
import { audit } from "@/lib/audit";
import { registerUser } from "@/lib/auth/register";
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
});

async function settingsOf(email: string) {
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  const [row] = await db.select().from(tradingSettings).where(eq(tradingSettings.userId, user!.id));
  return row!;
}

/** Fill the settings form with three bad values and save. */
async function saveBadSettings(page: Page) {
  await page.fill("#maxLeverage", "500");
  await page.fill("#minConfidence", "150");
  await page.fill("#dailyLossLimit", "0");
  await page.getByRole("button", { name: "Save settings" }).click();
}

describe("settings form", () => {
  it("flags every bad field at once by its label and unit, and says what leverage orders get", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const email = uniqueEmail("e2e-forms");
    await signUp(page, email);
    const before = await settingsOf(email);
    await page.goto("/dashboard/settings");

    // A new account is on the Free plan (3x) at the medium level (5x): orders get the lowest cap.
    const hint = page.getByTestId("leverage-hint");
    expect(await hint.textContent()).toContain(`Orders use at most ${Math.min(before.maxLeverage, 3, 5)}x`);
    await page.fill("#maxLeverage", "2");
    expect(await hint.textContent()).toContain("Orders use at most 2x");
    expect(await page.getByTestId("prompt-count").textContent()).toBe("0 / 2,000 characters");

    await saveBadSettings(page);
    await page.getByText("Max leverage can be at most 3x on the Free plan (you entered 500x)").waitFor();
    await page.getByText("Minimum confidence must be between 0 % and 100 %").waitFor();
    await page.getByText("Daily loss limit must be more than 0 USDT, or empty for no limit").waitFor();
    expect(await page.locator("main").innerText()).not.toMatch(/minConfidence|dailyLossLimit|maxLeverage/);
    await screenshot(page, "settings-all-errors-light");
    expect(await settingsOf(email)).toEqual(before);

    for (const [name, opts] of [
      ["settings-all-errors-dark", { colorScheme: "dark" as const }],
      ["settings-all-errors-phone", { mobile: true }],
    ] as const) {
      const look = await newContext(browser, opts);
      await look.addCookies(await ctx.cookies());
      const p = await look.newPage();
      await p.goto("/dashboard/settings");
      await saveBadSettings(p);
      await p.getByText("Minimum confidence must be between 0 % and 100 %").waitFor();
      await screenshot(p, name);
      await look.close();
    }
    await ctx.close();
  });
});

describe("audit log", () => {
  it("filters by email, shows emails whole and the target only when it is someone else", async () => {
    const email = uniqueEmail("e2e-forms-admin");
    const admin = await registerUser({ email, password: "longenough-pw-1" }, { role: "admin" });
    const otherEmail = uniqueEmail("e2e-forms-target");
    const other = await registerUser({ email: otherEmail, password: "longenough-pw-1" });
    // An entry about someone else, with long details (what an operator writes when suspending someone).
    await audit({
      actorId: admin.id,
      targetUserId: other.id,
      action: "admin.user.suspend",
      metadata: {
        reason:
          "Repeated failed withdrawals reported by the exchange; suspended until the owner confirms the keys were not leaked and rotates them",
        previousStatus: "active",
      },
    });
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await page.goto("/login");
    await submitLogin(page, email, "longenough-pw-1");
    await page.waitForURL((url) => url.pathname !== "/login");
    await enrolTwoFactor(page, email);

    await page.goto("/admin/audit");
    await page.fill("#audit-user", email);
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL((url) => url.searchParams.get("user") === email);
    const rows = page.locator("tbody tr");
    await rows.first().waitFor();
    // Turning on 2FA is the admin's own doing to their own account: "own account", not the email twice.
    const own = rows.filter({ hasText: "own account" });
    expect(await own.count()).toBeGreaterThan(0);
    expect(await own.first().getByRole("link", { name: email }).getAttribute("title")).toBe(email);
    // Filtering by the other user's email finds the entry about them, with their email as the target.
    await page.fill("#audit-user", otherEmail.split("@")[0]!);
    await page.getByRole("button", { name: "Filter" }).click();
    const about = page.locator("tbody tr").filter({ hasText: "admin.user.suspend" });
    await about.waitFor();
    expect(await about.getByRole("link", { name: otherEmail }).getAttribute("title")).toBe(otherEmail);
    await about.getByText(/rotates them/).waitFor();
    // Nothing in the table is cut off at 1440 px.
    const clipped = await page.$$eval("tbody td", (cells) =>
      cells.filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => c.textContent),
    );
    expect(clipped).toEqual([]);
    await screenshot(page, "admin-audit-by-email-light");
    await ctx.close();
  });
});
