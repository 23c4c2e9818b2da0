// Accessibility of every page: axe-core runs in the real app on each page in light and dark, on a desktop and a
// phone screen, and no serious or critical violation may be found. One browser; one context per kind of visitor
// (signed out, signed-in admin, half-way through a two-factor sign-in), switched between the four looks.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { closeDb } from "@/db";
import { sendVerificationEmail } from "@/lib/account/email-verification";
import { requestPasswordReset } from "@/lib/account/password";
import { registerUser } from "@/lib/auth/register";
import { launchBrowser, newContext, screenshot, submitLogin } from "../helpers/browser";
import { enrolTwoFactor, enterLoginCode, freshCode, linkFromOutbox } from "../helpers/browser-account";
import { uniqueEmail } from "../helpers/db";

const PASSWORD = "longenough-pw-1";
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

const LOOKS = [
  { name: "light", colorScheme: "light", viewport: { width: 1440, height: 900 } },
  { name: "dark", colorScheme: "dark", viewport: { width: 1440, height: 900 } },
  { name: "phone-light", colorScheme: "light", viewport: { width: 390, height: 844 } },
  { name: "phone-dark", colorScheme: "dark", viewport: { width: 390, height: 844 } },
] as const;

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

let browser: Browser;
let adminEmail = "";
let adminId = 0;
let adminSecret = "";
let signedIn: BrowserContext;
let signedOut: BrowserContext;

beforeAll(async () => {
  browser = await launchBrowser();
  adminEmail = uniqueEmail("e2e-a11y-admin");
  adminId = (await registerUser({ email: adminEmail, password: PASSWORD }, { role: "admin" })).id;
  signedIn = await newContext(browser);
  const page = await signedIn.newPage();
  await page.goto("/login");
  await submitLogin(page, adminEmail, PASSWORD);
  await page.waitForURL((url) => url.pathname !== "/login");
  adminSecret = (await enrolTwoFactor(page, adminEmail)).secret;
  await page.close();
  signedOut = await newContext(browser);
});

afterAll(async () => {
  await browser?.close();
  await closeDb();
});

/** The serious and critical violations axe-core finds on the page as it is now. */
async function seriousViolations(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (o: object) => Promise<{ violations: unknown[] }> } })
      .axe;
    return axe.run({ resultTypes: ["violations"] });
  });
  return (result.violations as Violation[]).filter((v) => v.impact === "serious" || v.impact === "critical");
}

function describeViolations(where: string, list: Violation[]): string {
  return list
    .map(
      (v) =>
        `${where}: [${v.impact}] ${v.id} — ${v.help}\n` +
        v.nodes
          .slice(0, 6)
          .map((n) => `    ${n.target.join(" ")}: ${(n.failureSummary ?? "").replace(/\s+/g, " ")}`)
          .join("\n"),
    )
    .join("\n");
}

/** Open `path` in each look and collect what axe-core finds; every look is screenshotted for review. */
async function checkPage(page: Page, path: string, ready?: (page: Page) => Promise<void>): Promise<string[]> {
  const failures: string[] = [];
  for (const look of LOOKS) {
    await page.setViewportSize(look.viewport);
    await page.emulateMedia({ colorScheme: look.colorScheme });
    await page.goto(path, { waitUntil: "load" });
    await page.locator("main, h1").first().waitFor();
    await ready?.(page);
    // Let entry animations and client data settle before measuring colours.
    await page.waitForTimeout(400);
    const found = await seriousViolations(page);
    if (found.length) failures.push(describeViolations(`${path} (${look.name})`, found));
    if (process.env.SHOTS_DIR) await screenshot(page, `a11y-${path.replace(/\W+/g, "_")}-${look.name}`);
  }
  return failures;
}

async function checkAll(ctx: BrowserContext, paths: string[]): Promise<void> {
  const page = await ctx.newPage();
  const failures: string[] = [];
  for (const path of paths) failures.push(...(await checkPage(page, path)));
  await page.close();
  expect(failures, `axe-core found serious or critical violations:\n${failures.join("\n")}`).toEqual([]);
}

describe("accessibility (axe-core, light and dark, desktop and phone)", () => {
  it("public and sign-in pages have no serious or critical violations", async () => {
    const newcomer = uniqueEmail("e2e-a11y-new");
    const created = await registerUser({ email: newcomer, password: PASSWORD });
    await sendVerificationEmail({ id: created.id, email: newcomer, name: null });
    await requestPasswordReset(adminEmail);
    // The site has an icon: no 404 on a first visit.
    expect((await signedOut.request.get("/favicon.ico")).status()).toBe(200);
    const landing = await signedOut.request.get("/");
    expect(await landing.text()).toMatch(/<link rel="icon" href="\/icon\.svg/);
    await checkAll(signedOut, [
      "/",
      "/track-record",
      "/login",
      "/signup",
      "/forgot-password",
      await linkFromOutbox(adminEmail, "resetPassword"),
      "/reset-password?token=used-or-wrong",
      await linkFromOutbox(newcomer, "verifyEmail"),
      "/terms",
      "/privacy",
      "/no-such-page",
    ]);
  });

  it("the two-factor step of a sign-in has no serious or critical violations, and an admin then lands in the console", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await page.goto("/login");
    await submitLogin(page, adminEmail, PASSWORD);
    await page.waitForURL("**/login/two-factor");
    const failures = await checkPage(page, "/login/two-factor");
    expect(failures, `axe-core found serious or critical violations:\n${failures.join("\n")}`).toEqual([]);
    // With the code, an admin starts in the console.
    await enterLoginCode(page, await freshCode(adminEmail, adminSecret));
    await page.waitForURL((url) => url.pathname === "/admin");
    await ctx.close();
  });

  it("the signed-in user's pages have no serious or critical violations", async () => {
    await checkAll(signedIn, [
      "/dashboard",
      "/dashboard/trades",
      "/dashboard/settings",
      "/dashboard/exchange-keys",
      "/dashboard/security",
      "/dashboard/backtest",
      "/dashboard/signals",
      "/dashboard/notifications",
      "/billing",
    ]);
  });

  it("the admin console has no serious or critical violations", async () => {
    await checkAll(signedIn, [
      "/admin",
      "/admin/users",
      `/admin/users/${adminId}`,
      "/admin/audit",
      "/admin/controls",
      "/admin/decisions",
      "/admin/outbox",
    ]);
  });
});
