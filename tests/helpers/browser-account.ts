// Browser-test steps of the account lifecycle, done the way a person does them: confirm the email address with
// the link from the outbox (the e2e app has no SMTP server), set up two-factor authentication by reading the key
// off the page, and sign in with a code.
import { and, desc, eq } from "drizzle-orm";
import { generate } from "otplib";
import type { Page } from "playwright-core";
import { db } from "@/db";
import { mailMessages, users } from "@/db/schema";

/** The newest link of one template sent to `email`, as a path on the app. */
export async function linkFromOutbox(email: string, template: string): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const [row] = await db
      .select({ text: mailMessages.text })
      .from(mailMessages)
      .where(and(eq(mailMessages.to, email), eq(mailMessages.template, template)))
      .orderBy(desc(mailMessages.id))
      .limit(1);
    const url = row?.text ? /https?:\/\/\S+/.exec(row.text)?.[0] : undefined;
    if (url) {
      const u = new URL(url);
      return `${u.pathname}${u.search}`;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no ${template} email for ${email} in the outbox`);
}

/** Follow the verification link and press its button. */
export async function confirmEmail(page: Page, email: string): Promise<void> {
  await page.goto(await linkFromOutbox(email, "verifyEmail"));
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await page.getByText("Email address confirmed").waitFor();
}

/**
 * A current code for `secret`. Each code works once: a test that needs several within one 30-second window
 * forgets the last accepted step first (what waiting for the next window would do).
 */
export async function freshCode(email: string, secret: string): Promise<string> {
  await db.update(users).set({ totpLastStep: null }).where(eq(users.email, email));
  return generate({ secret });
}

/** Set up 2FA on the security page (key read off the page, first code, recovery codes saved); returns the key. */
export async function enrolTwoFactor(page: Page, email: string, shot?: (name: string) => Promise<void>) {
  await page.goto("/dashboard/security");
  await page.getByRole("button", { name: "Set up two-factor authentication" }).click();
  const secret = (await page.locator('[data-testid="totp-secret"]').textContent())!.replace(/\s/g, "");
  await shot?.("security-2fa-enrol");
  await page.fill("#two-factor-code", await freshCode(email, secret));
  await page.getByRole("button", { name: "Turn on" }).click();
  await page.locator('[data-testid="recovery-codes"]').waitFor();
  const codes = (await page.locator('[data-testid="recovery-codes"] li').allTextContents()).map((c) =>
    c.trim(),
  );
  await shot?.("security-2fa-recovery-codes");
  await page.getByRole("button", { name: "Download" }).click();
  await page.getByRole("button", { name: "I have saved them" }).click();
  await page.getByText("Signing in asks for a code").waitFor();
  return { secret, recoveryCodes: codes };
}

/** Fill the code step of a sign-in that asked for one. */
export async function enterLoginCode(page: Page, code: string): Promise<void> {
  await page.waitForURL("**/login/two-factor");
  await page.fill('input[name="code"]', code);
  await page.getByRole("button", { name: "Verify and log in" }).click();
}
