// What the settings form sends (pure). After a downgrade, stored values the plan forbids are kept but unused: the
// form shows the plan's cap, and leaves a field out of the update unless the user changes it, so saving other
// settings never deletes a stored custom prompt or lowers a stored leverage behind the user's back.
import { CUSTOM_PROMPT_MAX } from "@/lib/trading/limits";

/** The plan limits the form enforces. */
export interface PlanLimits {
  name: string;
  maxLeverage: number;
  customPrompt: boolean;
}

/** The form's raw field values. */
export interface SettingsFields {
  riskLevel: "low" | "medium" | "high";
  leverage: string;
  confidence: string;
  lossLimit: string;
  prompt: string;
}

/** The leverage the form starts with: the stored one, clamped to what the plan can save. */
export function formLeverage(stored: number, plan: PlanLimits): number {
  return Math.min(stored, plan.maxLeverage);
}

/** The PUT /api/settings body for `fields`, given the stored leverage and the plan. */
export function settingsPayload(fields: SettingsFields, storedLeverage: number, plan: PlanLimits) {
  const leverage = Number(fields.leverage);
  const keptLeverage = storedLeverage > plan.maxLeverage && leverage === plan.maxLeverage;
  return {
    riskLevel: fields.riskLevel,
    ...(keptLeverage ? {} : { maxLeverage: leverage }),
    minConfidence: Number(fields.confidence) / 100,
    ...(plan.customPrompt ? { customPrompt: fields.prompt } : {}),
    dailyLossLimit: fields.lossLimit.trim() === "" ? null : Number(fields.lossLimit),
  };
}

/** The longest custom prompt the server accepts. */
export const PROMPT_MAX = CUSTOM_PROMPT_MAX;

/** One risk level as the form describes it, from the server's sizing and decision limits. */
export interface RiskLevelInfo {
  id: "low" | "medium" | "high";
  /** Share of equity at risk per trade, e.g. 0.01. */
  riskFraction: number;
  /** The most leverage a decision for this level proposes. */
  leverageCap: number;
}

/** The leverage orders actually get: the lowest of the user's cap, the risk level's and the plan's. */
export function effectiveLeverage(userMax: number, level: RiskLevelInfo, plan: PlanLimits): number {
  const own = Number.isInteger(userMax) && userMax >= 1 ? userMax : plan.maxLeverage;
  return Math.max(1, Math.min(own, level.leverageCap, plan.maxLeverage));
}

/**
 * Every problem with the form's values at once, as messages naming the field's label and unit (the same words
 * the server uses), so a leverage above the plan shows next to a bad confidence rather than after it.
 */
export function settingsFieldErrors(fields: SettingsFields, plan: PlanLimits): Record<string, string> {
  const errors: Record<string, string> = {};
  const leverage = Number(fields.leverage);
  if (fields.leverage.trim() === "" || !Number.isInteger(leverage)) {
    errors.maxLeverage = "Max leverage must be a whole number (e.g. 3x)";
  } else if (leverage < 1) {
    errors.maxLeverage = "Max leverage must be at least 1x";
  } else if (leverage > plan.maxLeverage) {
    errors.maxLeverage = `Max leverage can be at most ${plan.maxLeverage}x on the ${plan.name} plan (you entered ${leverage}x)`;
  }
  const confidence = Number(fields.confidence);
  if (fields.confidence.trim() === "" || !Number.isFinite(confidence) || confidence < 0 || confidence > 100) {
    errors.minConfidence = "Minimum confidence must be between 0 % and 100 %";
  }
  const loss = Number(fields.lossLimit);
  if (fields.lossLimit.trim() !== "" && (!Number.isFinite(loss) || loss <= 0)) {
    errors.dailyLossLimit = "Daily loss limit must be more than 0 USDT, or empty for no limit";
  }
  if (fields.prompt.length > PROMPT_MAX) {
    errors.customPrompt = `Custom strategy prompt must be at most 2,000 characters (it has ${fields.prompt.length.toLocaleString("en-US")})`;
  }
  return errors;
}
