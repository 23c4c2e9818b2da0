// Plan limits that need no database: leverage, custom prompts, which plan subscriptions grant, pause reasons.
import { describe, expect, it } from "vitest";
import { assertCustomPromptAllowed, assertLeverageAllowed } from "@/lib/billing/limits";
import { PLANS } from "@/lib/billing/plans";
import { grantedPlan, livePauseReason, pickCurrentSubscription } from "@/lib/billing/status";

describe("plan limits", () => {
  it("refuses leverage above the plan's maximum, naming the plan", () => {
    expect(() => assertLeverageAllowed(PLANS.pro, 10)).not.toThrow();
    expect(() => assertLeverageAllowed(PLANS.pro, 15)).toThrow(
      "Leverage 15x is above the Pro plan's maximum of 10x",
    );
    expect(() => assertLeverageAllowed(PLANS.free, 4)).toThrow("above the Free plan's maximum of 3x");
    expect(() => assertLeverageAllowed(PLANS.elite, 20)).not.toThrow();
  });

  it("allows a custom prompt on Pro and Elite only", () => {
    expect(() => assertCustomPromptAllowed(PLANS.free)).toThrow(/not included in the Free plan/);
    expect(() => assertCustomPromptAllowed(PLANS.pro)).not.toThrow();
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

  it("explains each pause in one sentence ending with paper trading continuing", () => {
    expect(livePauseReason(PLANS.pro, PLANS.pro, "past_due")).toBe(
      "Your Pro subscription is past due: live trading is paused until payment succeeds. Paper trading continues.",
    );
    expect(livePauseReason(PLANS.elite, PLANS.free, "canceled")).toMatch(
      /^Your Elite subscription has ended/,
    );
    expect(livePauseReason(PLANS.free, PLANS.free, null)).toMatch(/not included in the Free plan/);
  });
});
