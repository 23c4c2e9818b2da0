// What the settings form sends (pure). After a downgrade, stored values the plan forbids are kept but unused: the
// form shows the plan's cap, and leaves a field out of the update unless the user changes it, so saving other
// settings never deletes a stored custom prompt or lowers a stored leverage behind the user's back.

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
