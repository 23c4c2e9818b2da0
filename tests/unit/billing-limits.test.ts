// Plan limits that need no database: leverage, custom prompts, which plan subscriptions grant, pause reasons.
import { describe, expect, it } from "vitest";
import { PLANS } from "@/lib/billing/plans";
import { checkSettingsAgainstPlan } from "@/lib/trading/settings";
import { grantedPlan, isBillingNotice, livePauseReason, pickCurrentSubscription } from "@/lib/billing/status";

describe("plan limits", () => {
  it("refuses a max leverage above the plan's maximum with a 400 naming the field and the plan", () => {
    expect(() => checkSettingsAgainstPlan({ maxLeverage: 10 }, PLANS.pro)).not.toThrow();
    expect(() => checkSettingsAgainstPlan({ maxLeverage: 15 }, PLANS.pro)).toThrow(
      "maxLeverage: Max leverage can be at most 10x on the Pro plan (you entered 15x)",
    );
    expect(() => checkSettingsAgainstPlan({ maxLeverage: 4 }, PLANS.free)).toThrow(
      expect.objectContaining({
        status: 400,
        extra: {
          fields: { maxLeverage: "Max leverage can be at most 3x on the Free plan (you entered 4x)" },
        },
      }),
    );
    expect(() => checkSettingsAgainstPlan({ maxLeverage: 20 }, PLANS.elite)).not.toThrow();
  });

  it("allows a custom prompt on Pro and Elite only", () => {
    expect(() => checkSettingsAgainstPlan({ customPrompt: "be bold" }, PLANS.free)).toThrow(
      "customPrompt: Custom prompts need the Pro or Elite plan (you are on Free)",
    );
    expect(() => checkSettingsAgainstPlan({ customPrompt: "be bold" }, PLANS.pro)).not.toThrow();
    // Clearing the prompt is always allowed.
    expect(() => checkSettingsAgainstPlan({ customPrompt: null }, PLANS.free)).not.toThrow();
  });

  it("grants the best plan among active, trialing and past-due subscriptions", () => {
    expect(grantedPlan([])).toBe("free");
    expect(
      grantedPlan([
        { plan: "elite", status: "canceled" },
        { plan: "pro", status: "active" },
      ]),
    ).toBe("pro");
    expect(grantedPlan([{ plan: "pro", status: "past_due" }])).toBe("pro");
    expect(
      grantedPlan([
        { plan: "pro", status: "unpaid" },
        { plan: "elite", status: "incomplete" },
      ]),
    ).toBe("free");
    const newestFirst = [
      { plan: "pro" as const, status: "canceled" },
      { plan: "elite" as const, status: "incomplete_expired" },
    ];
    expect(pickCurrentSubscription(newestFirst)?.plan).toBe("pro");
  });

  it("explains each pause truthfully, ending with what happens to open positions", () => {
    expect(livePauseReason(PLANS.pro, PLANS.pro, "past_due")).toBe(
      "Your Pro subscription is past due: no new live trades are opened until the payment goes through. Open positions stay protected.",
    );
    expect(livePauseReason(PLANS.elite, PLANS.free, "canceled")).toBe(
      "Your Elite subscription has ended, so you are on the Free plan: no new live trades are opened. Open positions stay protected.",
    );
    expect(livePauseReason(PLANS.free, PLANS.free, null)).toBe(
      "Live trading is not included in the Free plan: upgrade to Pro or Elite to open live trades. Open positions stay protected.",
    );
    for (const status of ["past_due", "unpaid", "canceled", "incomplete_expired", "paused", null]) {
      const reason = livePauseReason(PLANS.pro, PLANS.free, status);
      expect(reason).not.toMatch(/paper trading continues/i);
      expect(reason.length).toBeLessThanOrEqual(255);
      expect(isBillingNotice(reason)).toBe(true);
    }
    // Notices written with the old wording are still recognised (and cleared on resume); others are not.
    expect(isBillingNotice("Your Pro subscription is past due: … Paper trading continues.")).toBe(true);
    expect(isBillingNotice("Daily loss limit of 100 USDT reached")).toBe(false);
    expect(isBillingNotice(null)).toBe(false);
  });
});
