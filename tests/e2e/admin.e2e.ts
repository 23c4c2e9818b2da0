// The admin console through the real app: every admin page and API is a 404 for a normal user and for a
// signed-out visitor; an admin finds a user, suspends them, and that user's next page load goes to login;
// the kill switch banner reaches users; /api/metrics needs its token.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { APIRequestContext, Browser, BrowserContext } from "playwright-core";
import { closeDb, db } from "@/db";
import { auditLog, decisions, systemSettings, users } from "@/db/schema";
import { registerUser } from "@/lib/auth/register";
import { setSystemSetting } from "@/lib/system/settings";
import { launchBrowser, newContext, screenshot, signUp, submitLogin } from "../helpers/browser";
import { enrolTwoFactor } from "../helpers/browser-account";
import { uniqueEmail } from "../helpers/db";

const PASSWORD = "longenough-pw-1";
let browser: Browser;
let base: string;

beforeAll(async () => {
  browser = await launchBrowser();
  base = inject("baseURL");
});

afterAll(async () => {
  await browser?.close();
  // Whatever happened in the kill-switch test, the files after this one trade with the switch off.
  await setSystemSetting("killSwitch", false, null);
  await closeDb();
});

let adminState: Awaited<ReturnType<BrowserContext["storageState"]>> | null = null;

/** A browser context signed in as one shared admin (one login per run: logins count against the per-IP limit). */
async function adminContext(
  opts: { colorScheme?: "light" | "dark"; mobile?: boolean } = {},
): Promise<BrowserContext> {
  if (!adminState) {
    const email = uniqueEmail("e2e-admin");
    await registerUser({ email, password: PASSWORD }, { role: "admin" });
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await page.goto("/login");
    await submitLogin(page, email, PASSWORD);
    // An admin starts in the console, which first asks for two-factor authentication.
    await page.waitForURL("**/dashboard/security?required=admin");
    // The console needs two-factor authentication: an admin without it is sent to set it up first.
    await page.goto("/admin");
    await page.waitForURL("**/dashboard/security?required=admin");
    await page.getByText("Turn on two-factor authentication to use the admin console").waitFor();
    await screenshot(page, "admin-needs-2fa");
    await enrolTwoFactor(page, email);
    await page.goto("/admin");
    await page.getByRole("heading", { name: "System status" }).waitFor();
    adminState = await ctx.storageState();
    await ctx.close();
  }
  return browser.newContext({
    baseURL: base,
    storageState: adminState,
    colorScheme: opts.colorScheme ?? "light",
    viewport: opts.mobile ? { width: 390, height: 844 } : { width: 1440, height: 900 },
  });
}

function adminRequests(targetId: number): { method: string; path: string; body?: unknown }[] {
  return [
    { method: "GET", path: "/api/admin/users?q=e2e" },
    { method: "GET", path: `/api/admin/users/${targetId}` },
    { method: "POST", path: `/api/admin/users/${targetId}/suspend`, body: {} },
    { method: "POST", path: `/api/admin/users/${targetId}/reactivate` },
    { method: "POST", path: `/api/admin/users/${targetId}/auto-trade-off` },
    { method: "GET", path: "/api/admin/settings" },
    { method: "PUT", path: "/api/admin/settings", body: { killSwitch: true } },
    { method: "GET", path: "/api/admin/status" },
    { method: "GET", path: "/api/admin/queues" },
    { method: "POST", path: "/api/admin/queues/execute/jobs/abc/retry" },
    { method: "GET", path: "/api/admin/decisions?symbol=BTCUSDT" },
    { method: "GET", path: "/api/admin/decisions/1" },
    { method: "GET", path: "/api/admin/audit?action=admin" },
  ];
}

const ADMIN_PAGES = (id: number) => [
  "/admin",
  "/admin/users",
  `/admin/users/${id}`,
  "/admin/controls",
  "/admin/decisions",
  "/admin/audit",
];

async function expectAllRefused(request: APIRequestContext, targetId: number) {
  for (const r of adminRequests(targetId)) {
    const res = await request.fetch(r.path, { method: r.method, data: r.body, maxRedirects: 0 });
    expect(res.status(), `${r.method} ${r.path}`).toBe(404);
    expect((await res.json()).error.code, `${r.method} ${r.path}`).toBe("not_found");
  }
  for (const path of ADMIN_PAGES(targetId)) {
    const res = await request.get(path, { maxRedirects: 0 });
    expect(res.status(), path).toBe(404);
    const html = await res.text();
    expect(html).toContain("Page not found");
    expect(html).not.toContain("Kill switch");
  }
}

describe("admin access", () => {
  it("refuses every admin page and API to a normal user and to a signed-out visitor, changing nothing", async () => {
    const { id: targetId } = await registerUser({ email: uniqueEmail("e2e-target"), password: PASSWORD });

    const userCtx = await newContext(browser);
    const page = await userCtx.newPage();
    await signUp(page, uniqueEmail("e2e-normal"));
    await expectAllRefused(userCtx.request, targetId);
    // The sidebar does not even hint at the console.
    await page.goto("/dashboard");
    expect(await page.locator('nav[aria-label="App"] >> text=Admin').count()).toBe(0);
    await userCtx.close();

    const anonCtx = await newContext(browser);
    await expectAllRefused(anonCtx.request, targetId);
    await anonCtx.close();

    const target = await db.query.users.findFirst({ where: eq(users.id, targetId) });
    expect(target?.status).toBe("active");
    expect(
      await db.query.systemSettings.findFirst({ where: eq(systemSettings.key, "killSwitch") }),
    ).toBeUndefined();
    expect(await db.query.auditLog.findFirst({ where: eq(auditLog.targetUserId, targetId) })).toBeUndefined();

    // The same routes answer an admin (so the 404s above are refusals, not missing routes).
    const adminCtx = await adminContext();
    for (const path of [
      "/api/admin/users?q=e2e",
      `/api/admin/users/${targetId}`,
      "/api/admin/settings",
      "/api/admin/status",
      "/api/admin/queues",
      "/api/admin/audit",
    ]) {
      expect((await adminCtx.request.get(path)).status(), path).toBe(200);
    }
    for (const path of ADMIN_PAGES(targetId))
      expect((await adminCtx.request.get(path)).status(), path).toBe(200);
    await adminCtx.close();
  });
});

describe("admin console", () => {
  it("an admin finds a user by email and suspends them; the user's next page load goes to login", async () => {
    const victimEmail = uniqueEmail("e2e-victim");
    const victimCtx = await newContext(browser);
    const victimPage = await victimCtx.newPage();
    await signUp(victimPage, victimEmail);
    await victimPage.goto("/dashboard/settings");

    const adminCtx = await adminContext();
    const page = await adminCtx.newPage();
    await page.goto("/admin/users");
    await page.fill('input[name="q"]', victimEmail);
    await page.press('input[name="q"]', "Enter");
    await page.waitForURL((u) => u.searchParams.get("q") === victimEmail);
    await page.click(`a:has-text("${victimEmail}")`);
    await page.waitForURL(/\/admin\/users\/\d+$/);
    await page.locator("h1", { hasText: victimEmail }).waitFor();

    await page.click('button:has-text("Suspend")');
    const dialog = page.getByRole("alertdialog");
    await dialog.waitFor();
    await dialog.locator("textarea").fill("e2e: abuse report");
    await dialog.getByRole("button", { name: "Suspend user" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.locator("text=Reactivate").first().waitFor();

    const row = await db.query.users.findFirst({ where: eq(users.email, victimEmail) });
    expect(row?.status).toBe("suspended");
    const entry = await db.query.auditLog.findFirst({
      where: and(eq(auditLog.targetUserId, row!.id), eq(auditLog.action, "admin.user.suspend")),
    });
    expect(entry).toMatchObject({ action: "admin.user.suspend" });
    expect(entry?.metadata).toMatchObject({ reason: "e2e: abuse report" });

    await victimPage.reload();
    await victimPage.waitForURL((u) => u.pathname === "/login");
    await adminCtx.close();
    await victimCtx.close();
  });

  it("the kill switch, switched on in Controls, reaches an open dashboard live (banner and auto-trading card) until switched off", async () => {
    const userCtx = await newContext(browser);
    const userPage = await userCtx.newPage();
    await signUp(userPage, uniqueEmail("e2e-banner"));
    expect(await userPage.getByTestId("kill-switch-banner").count()).toBe(0);
    await userPage.getByTestId("auto-trade-switch").click();
    await expect
      .poll(() => userPage.getByTestId("stat-auto-trade").textContent())
      .toContain("Acting on every decision");

    const adminCtx = await adminContext();
    const page = await adminCtx.newPage();
    await page.goto("/admin/controls");
    await page.click('button:has-text("Switch on")');
    await page.getByRole("alertdialog").getByRole("button", { name: "Stop all trading" }).click();
    await page.getByTestId("kill-switch-banner").waitFor();
    const stored = await db.query.systemSettings.findFirst({ where: eq(systemSettings.key, "killSwitch") });
    expect(stored?.value).toBe(true);
    expect(
      (await db.query.auditLog.findFirst({ where: eq(auditLog.action, "admin.kill_switch.on") }))?.actorId,
    ).toBeTruthy();

    // The user's open dashboard follows without a reload: banner, card and tile agree.
    await userPage.getByTestId("kill-switch-banner").waitFor();
    await userPage.getByTestId("platform-kill-note").waitFor();
    expect(await userPage.getByTestId("auto-trade-state").textContent()).toBe("Paused");
    const tile = (await userPage.getByTestId("stat-auto-trade").textContent()) ?? "";
    expect(tile).not.toContain("Acting on every decision");
    expect(tile).toContain("Paused platform-wide");
    if (process.env.SHOTS_DIR)
      await userPage.screenshot({ path: `${process.env.SHOTS_DIR}/dashboard-kill-switch-banner.png` });

    // The first dialog has closed and the page shows the switch on before it is switched off again.
    await page.getByRole("alertdialog").waitFor({ state: "detached" });
    await page.click('button:has-text("Switch off")');
    await page.getByRole("alertdialog").getByText("Resume trading?").waitFor();
    await page.getByRole("alertdialog").getByRole("button", { name: "Resume trading" }).click();
    await page.getByTestId("kill-switch-banner").waitFor({ state: "detached" });
    await userPage.getByTestId("kill-switch-banner").waitFor({ state: "detached" });
    await userPage.getByTestId("platform-kill-note").waitFor({ state: "detached" });
    expect(await userPage.getByTestId("stat-auto-trade").textContent()).toContain("Acting on every decision");
    await adminCtx.close();
    await userCtx.close();
  });

  it("settings with a bad value show the field error and change nothing", async () => {
    const adminCtx = await adminContext();
    const res = await adminCtx.request.put("/api/admin/settings", { data: { tickIntervalMinutes: 0 } });
    expect(res.status()).toBe(400);
    expect((await res.json()).error.fields.tickIntervalMinutes).toMatch(/at least 1/);
    const ok = await adminCtx.request.put("/api/admin/settings", { data: { tickIntervalMinutes: 10 } });
    expect(ok.status()).toBe(200);
    expect((await ok.json()).settings.effective.tickIntervalMinutes).toBe(10);
    await adminCtx.request.put("/api/admin/settings", { data: { tickIntervalMinutes: null } });
    await adminCtx.close();
  });
});

describe("GET /api/metrics", () => {
  it("is 401 without the bearer token and Prometheus text with it", async () => {
    expect((await fetch(`${base}/api/metrics`)).status).toBe(401);
    expect((await fetch(`${base}/api/metrics`, { headers: { authorization: "Bearer nope" } })).status).toBe(
      401,
    );
    const res = await fetch(`${base}/api/metrics`, {
      headers: { authorization: "Bearer e2e-metrics-token-0123456789abcdef" },
    });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain("tickpilot_queue_jobs");
    expect(text).toMatch(/tickpilot_workers_live\{app="tickpilot"\} [1-9]/);
  });
});

describe("screenshots", () => {
  it("captures every admin page in light and dark, desktop and mobile", async () => {
    const { id } = await registerUser({ email: uniqueEmail("e2e-shot"), password: PASSWORD });
    // A little history so the tables have rows to show.
    const now = Date.now();
    const decisionRows = (["buy", "hold", "sell"] as const).map((action, i) => ({
      symbol: "BTCUSDT",
      tickTime: new Date(now - (3 - i) * 300_000),
      groupKey: `shot-${i}`,
      riskLevel: "medium" as const,
      provider: "openai",
      model: "gpt-4o-mini",
      action,
      confidence: 0.62 + i * 0.1,
      leverage: 3,
      reason: `RSI ${40 + i * 7}, MACD ${action === "sell" ? "crossing down" : "rising"}, EMA20 above EMA50`,
      status: "ok" as const,
      prompt: `You are a trading assistant. Symbol BTCUSDT, last 60 closed 1m candles:\n${"t,o,h,l,c,v\n".repeat(4)}Answer in JSON.`,
      rawResponse: JSON.stringify(
        { action, confidence: 0.62 + i * 0.1, leverage: 3, stopLoss: 0.01, takeProfit: 0.02 },
        null,
        2,
      ),
      promptTokens: 1400 + i * 30,
      completionTokens: 90,
      costUsd: 0.00027,
      latencyMs: 900 + i * 400,
    }));
    await db.insert(decisions).values(decisionRows);
    const out = process.env.SHOTS_DIR;
    for (const colorScheme of ["light", "dark"] as const) {
      for (const mobile of [false, true]) {
        const ctx = await adminContext({ colorScheme, mobile });
        const page = await ctx.newPage();
        for (const path of ADMIN_PAGES(id)) {
          await page.goto(path);
          await page.locator("h1").first().waitFor();
          if (path === "/admin/decisions") {
            await page.locator('button[aria-label^="Show prompt"]').first().click();
            await page.locator("text=Raw response").first().waitFor();
          }
          const name =
            `admin${path.replace(/\//g, "-").replace(/-admin/, "") || ""}-${colorScheme}-${mobile ? "mobile" : "desktop"}`.replace(
              /-\d+-/,
              "-detail-",
            );
          if (out) await page.screenshot({ path: `${out}/${name}.png`, fullPage: true });
          else await screenshot(page, name);
        }
        await ctx.close();
      }
    }
  });
});
