// After a downgrade (issue 19, finding 5): what the settings form sends, what the add-key card says, and how a
// billing pause is explained. Pure rules; the browser tests click through the same states.
import { describe, expect, it } from "vitest";
import { pauseExplanation, pauseFix, type BillingPauseView } from "@/components/billing/billing-pause";
import { formLeverage, settingsPayload } from "@/components/trading/settings-payload";
import { liveAccountLimit } from "@/lib/billing/account-limit";
import { PLANS } from "@/lib/billing/plans";
import { checkSettingsAgainstPlan } from "@/lib/trading/settings";

const fields = {
  riskLevel: "medium" as const,
  leverage: "3",
  confidence: "60",
  lossLimit: "",
  prompt: "Trend only",
};

describe("the settings form on a plan below the stored settings", () => {
  it("never sends a custom prompt on a plan without custom prompts (the stored one is kept)", () => {
    const body = settingsPayload(fields, 3, PLANS.free);
    expect(body).not.toHaveProperty("customPrompt");
    expect(settingsPayload(fields, 3, PLANS.pro)).toMatchObject({ customPrompt: "Trend only" });
  });

  it("starts at the plan's cap and leaves a stored higher leverage alone unless the user changes it", () => {
    expect(formLeverage(8, PLANS.free)).toBe(3);
    expect(formLeverage(2, PLANS.free)).toBe(2);
    const untouched = settingsPayload({ ...fields, leverage: "3" }, 8, PLANS.free);
    expect(untouched).not.toHaveProperty("maxLeverage");
    expect(() => checkSettingsAgainstPlan(untouched, PLANS.free)).not.toThrow();
    expect(settingsPayload({ ...fields, leverage: "2" }, 8, PLANS.free)).toMatchObject({ maxLeverage: 2 });
    expect(settingsPayload({ ...fields, leverage: "3" }, 3, PLANS.free)).toMatchObject({ maxLeverage: 3 });
  });
});

describe("the add-key card", () => {
  it("says 'Paper trading only' on Free and 'Account limit reached' to a paying user at the limit", () => {
    expect(liveAccountLimit(PLANS.free, 0)?.title).toBe("Paper trading only");
    expect(liveAccountLimit(PLANS.pro, 0)).toBeNull();
    expect(liveAccountLimit(PLANS.pro, 1)).toEqual({
      title: "Account limit reached",
      message: "The Pro plan allows 1 exchange account. Delete one to add another, or upgrade.",
    });
    expect(liveAccountLimit(PLANS.pro, 3)?.message).toBe(
      "The Pro plan allows 1 exchange account and you have 3. Delete 3 to add another, or upgrade.",
    );
    expect(liveAccountLimit(PLANS.elite, 5)?.message).toBe(
      "The Elite plan allows 5 exchange accounts. Delete one to add another.",
    );
  });
});

describe("a billing pause, explained", () => {
  const view: BillingPauseView = {
    reason: "Your Pro subscription is past due: …",
    fix: pauseFix("past_due"),
    accountLabel: "Bybit main",
    autoTrade: true,
    position: { symbol: "BTCUSDT", side: "long", qty: 0.2, stopLoss: 49_500, takeProfit: 51_000 },
  };

  it("tells what happens to the position and to auto-trading", () => {
    expect(pauseFix("canceled")).toBe("plan");
    const text = pauseExplanation(view);
    expect(text.position).toBe(
      "Your BTCUSDT long of 0.2 on Bybit main stays open. Its stop-loss (49,500) and take-profit (51,000) stay on the exchange, and Tickpilot still closes it when a decision says close.",
    );
    expect(text.autoTrade).toBe(
      "Auto-trading stays on: buy and sell decisions are skipped on Bybit main until the payment goes through. Each skip is in your trade log with this reason.",
    );
    expect(text.paper).toMatch(/Tickpilot no longer closes it/);
    expect(pauseExplanation({ ...view, position: null }).position).toBe(
      "You have no open position on Bybit main.",
    );
    expect(pauseExplanation({ ...view, autoTrade: false }).position).toMatch(
      /close it on the exchange yourself/,
    );
  });
});
