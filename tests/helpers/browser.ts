// Playwright (playwright-core) driving Debian's Chromium; no browser download.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { inject } from "vitest";

const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

/** Launch headless Chromium. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: FLAGS });
}

/** A fresh browser context (its own cookies) pointed at the app under test. */
export async function newContext(
  browser: Browser,
  opts: { colorScheme?: "light" | "dark"; mobile?: boolean } = {},
): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: inject("baseURL"),
    colorScheme: opts.colorScheme ?? "light",
    viewport: opts.mobile ? { width: 390, height: 844 } : { width: 1440, height: 900 },
  });
}

/**
 * Save a screenshot under test-results/screenshots (for people to look at; never asserted on), and a copy in
 * SHOTS_DIR when that is set (e.g. SHOTS_DIR=/tmp/shots for a UI review).
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dirs = [path.join(process.cwd(), "test-results", "screenshots"), process.env.SHOTS_DIR].filter(
    (d): d is string => Boolean(d),
  );
  for (const dir of dirs) {
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
  }
}

/** Fill and submit the sign-up form; resolves once the dashboard is shown. */
export async function signUp(page: Page, email: string, password = "longenough-pw-1"): Promise<void> {
  await page.goto("/signup");
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', password);
  await page.click('button[type="submit"]:has-text("Create account")');
  await page.waitForURL("**/dashboard");
}

/** Fill and submit the login form (does not wait for navigation). */
export async function submitLogin(page: Page, email: string, password: string): Promise<void> {
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', password);
  await page.click('button[type="submit"]:has-text("Log in")');
}
