// The settings form's own checks (every field at once, labels and units) and the leverage it says orders get;
// chart markers merged per bar so two decisions in one 5-minute bar do not draw on top of each other.
import { describe, expect, it } from "vitest";
import { mergeMarkers } from "@/components/market/align-markers";
import type { ChartMarker } from "@/components/market/candle-chart";
import { effectiveLeverage, settingsFieldErrors } from "@/components/trading/settings-payload";
import { readableMessage } from "@/lib/api/client";

const ELITE = { name: "Elite", maxLeverage: 20, customPrompt: true };
const FREE = { name: "Free", maxLeverage: 3, customPrompt: false };
const HIGH = { id: "high" as const, riskFraction: 0.02, leverageCap: 10 };
const ok = { riskLevel: "high" as const, leverage: "3", confidence: "60", lossLimit: "", prompt: "" };

describe("settings form checks", () => {
  it("accepts good values", () => {
    expect(settingsFieldErrors(ok, ELITE)).toEqual({});
    expect(settingsFieldErrors({ ...ok, lossLimit: "250" }, ELITE)).toEqual({});
  });

  it("flags every bad field at once, by label and unit", () => {
    const errors = settingsFieldErrors(
      { ...ok, leverage: "500", confidence: "150", lossLimit: "0", prompt: "x".repeat(2001) },
      ELITE,
    );
    expect(errors).toEqual({
      maxLeverage: "Max leverage can be at most 20x on the Elite plan (you entered 500x)",
      minConfidence: "Minimum confidence must be between 0 % and 100 %",
      dailyLossLimit: "Daily loss limit must be more than 0 USDT, or empty for no limit",
      customPrompt: "Custom strategy prompt must be at most 2,000 characters (it has 2,001)",
    });
    expect(settingsFieldErrors({ ...ok, leverage: "2.5" }, ELITE).maxLeverage).toBe(
      "Max leverage must be a whole number (e.g. 3x)",
    );
    expect(settingsFieldErrors({ ...ok, leverage: "0" }, ELITE).maxLeverage).toBe(
      "Max leverage must be at least 1x",
    );
  });

  it("says the leverage orders really get: the lowest of the user's, the risk level's and the plan's cap", () => {
    expect(effectiveLeverage(3, HIGH, ELITE)).toBe(3);
    expect(effectiveLeverage(20, HIGH, ELITE)).toBe(10);
    expect(effectiveLeverage(20, HIGH, FREE)).toBe(3);
    expect(effectiveLeverage(Number.NaN, HIGH, ELITE)).toBe(10);
  });
});

describe("chart markers per bar", () => {
  const sell = (time: number): ChartMarker => ({
    time,
    position: "aboveBar",
    color: "red",
    shape: "arrowDown",
    text: "S",
  });

  it("merges markers of one bar and side into one that counts them", () => {
    const merged = mergeMarkers([sell(0), sell(0), sell(300_000)]);
    expect(merged.map((m) => [m.time, m.text])).toEqual([
      [0, "S×2"],
      [300_000, "S"],
    ]);
  });

  it("lists different texts of one bar, and keeps markers on different sides apart", () => {
    const close = { ...sell(0), text: "C" };
    const buy: ChartMarker = { time: 0, position: "belowBar", color: "green", shape: "arrowUp", text: "B" };
    expect(mergeMarkers([sell(0), close, buy]).map((m) => m.text)).toEqual(["S C", "B"]);
  });
});

describe("form summaries", () => {
  it("show the field messages, never the API's raw field keys", () => {
    const fields = {
      label: "Give the account a name",
      apiKey: "API key looks too short: paste the whole value",
    };
    expect(readableMessage("label: Give the account a name", fields)).toBe(
      "Please fix 2 fields: Give the account a name; API key looks too short: paste the whole value.",
    );
    expect(readableMessage("label: Give the account a name", { label: fields.label })).toBe(
      "Give the account a name",
    );
    // A message that is not a field list stays as it is.
    const rejected = "The exchange rejected this key. Check that the key copied completely.";
    expect(readableMessage(rejected, { apiKey: "The exchange rejected this key" })).toBe(rejected);
  });
});
