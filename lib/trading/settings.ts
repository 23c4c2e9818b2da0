import "server-only";
// A user's trading settings for a symbol: read (created on first use), validated updates, the auto-trade switch.
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { ACCOUNT_SAFE_QUERY_COLUMNS } from "@/lib/accounts/exchange-accounts";
import { db } from "@/db";
import { exchangeAccounts, tradingSettings, type TradingSettings } from "@/db/schema";
import { AppError, validationError, zodFieldErrors } from "@/lib/api/errors";
import { audit } from "@/lib/audit";
import { assertCanUseAccount } from "@/lib/billing/limits";
import { CUSTOM_PROMPT_MAX, LEVERAGE_LIMIT } from "./limits";
import { RISK_LEVELS } from "./risk-level";
import { DEFAULT_SYMBOL } from "./symbols";
import type { Plan } from "@/lib/billing/plans";

export { DEFAULT_SYMBOL };

/** The settings row of a user and symbol, created with defaults when missing. */
export async function getSettings(userId: number, symbol = DEFAULT_SYMBOL): Promise<TradingSettings> {
  const where = and(eq(tradingSettings.userId, userId), eq(tradingSettings.symbol, symbol));
  const row = await db.query.tradingSettings.findFirst({ where });
  if (row) return row;
  await db.insert(tradingSettings).values({ userId, symbol }).onDuplicateKeyUpdate({ set: { userId } });
  return (await db.query.tradingSettings.findFirst({ where }))!;
}

/** Input of PUT /api/settings: every field optional, unknown fields refused; messages name the form's labels. */
export const settingsInput = z
  .object({
    riskLevel: z.enum(RISK_LEVELS, { error: "Risk level must be low, medium or high" }),
    maxLeverage: z
      .number({ error: "Max leverage must be a number" })
      .int("Max leverage must be a whole number (e.g. 3x)")
      .min(1, "Max leverage must be at least 1x")
      .max(LEVERAGE_LIMIT, `Max leverage must be at most ${LEVERAGE_LIMIT}x`),
    // Stored as a fraction (0.6); the form shows it in % (60 %).
    minConfidence: z
      .number({ error: "Minimum confidence must be a number" })
      .min(0, "Minimum confidence must be between 0 % and 100 % (0 to 1)")
      .max(1, "Minimum confidence must be between 0 % and 100 % (0 to 1)"),
    customPrompt: z
      .string({ error: "Custom strategy prompt must be text" })
      .max(CUSTOM_PROMPT_MAX, "Custom strategy prompt must be at most 2,000 characters")
      .nullable()
      .transform((v) => (v && v.trim() ? v.trim() : null)),
    dailyLossLimit: z
      .number({ error: "Daily loss limit must be a number of USDT" })
      .positive("Daily loss limit must be more than 0 USDT, or empty for no limit")
      .max(1e9, "Daily loss limit must be at most 1,000,000,000 USDT")
      .nullable(),
  })
  .partial()
  .strict();
export type SettingsInput = z.infer<typeof settingsInput>;

/** Plan rules for settings, as field messages naming the plan (empty when the input fits the plan). */
export function planFieldErrors(input: Record<string, unknown>, plan: Plan): Record<string, string> {
  const fields: Record<string, string> = {};
  const leverage = input.maxLeverage;
  if (typeof leverage === "number" && leverage > plan.maxLeverage && leverage <= LEVERAGE_LIMIT) {
    fields.maxLeverage = `Max leverage can be at most ${plan.maxLeverage}x on the ${plan.name} plan (you entered ${leverage}x)`;
  }
  if (typeof input.customPrompt === "string" && input.customPrompt.trim() && !plan.customPrompt) {
    fields.customPrompt = `Custom prompts need the Pro or Elite plan (you are on ${plan.name})`;
  }
  return fields;
}

/** Plan rules for an already validated update: a 400 naming the field and the plan when it does not fit. */
export function checkSettingsAgainstPlan(input: SettingsInput, plan: Plan): void {
  const fields = planFieldErrors(input, plan);
  const [first] = Object.entries(fields);
  if (first) throw new AppError("bad_request", `${first[0]}: ${first[1]}`, { fields });
}

/**
 * Validate a settings update against the schema and the plan at once, so every bad field is reported together
 * (a leverage above the plan is flagged next to a bad confidence, not after it is fixed).
 */
export function parseSettingsInput(raw: unknown, plan: Plan): SettingsInput {
  const parsed = settingsInput.safeParse(raw);
  const fields = {
    ...(parsed.success ? {} : zodFieldErrors(parsed.error)),
    ...(raw && typeof raw === "object" ? planFieldErrors(raw as Record<string, unknown>, plan) : {}),
  };
  const entries = Object.entries(fields);
  if (parsed.success && entries.length === 0) return parsed.data;
  if (entries.length === 0) throw validationError(parsed.error!);
  const message = entries.map(([key, msg]) => (key === "body" ? msg : `${key}: ${msg}`)).join("; ");
  throw new AppError("bad_request", message, { fields });
}

/** Apply a validated update and audit it; returns the new row. */
export async function updateSettings(
  userId: number,
  input: SettingsInput,
  plan: Plan,
): Promise<TradingSettings> {
  checkSettingsAgainstPlan(input, plan);
  const current = await getSettings(userId);
  if (Object.keys(input).length > 0) {
    await db
      .update(tradingSettings)
      .set({ ...input, settingsSavedAt: new Date() })
      .where(eq(tradingSettings.id, current.id));
    const changed = {
      ...input,
      customPrompt: input.customPrompt === undefined ? undefined : input.customPrompt ? "(set)" : null,
    };
    await audit({
      actorId: userId,
      targetUserId: userId,
      action: "trading.settings",
      targetType: "trading_settings",
      targetId: String(current.id),
      metadata: changed,
    });
  }
  return getSettings(userId);
}

/**
 * Switch auto-trading on or off; on needs a selected, active account the plan and subscription allow, and turns
 * the user's own kill switch off.
 */
export async function setAutoTrade(
  user: { id: number; plan: string },
  enabled: boolean,
  ip?: string,
): Promise<TradingSettings> {
  const current = await getSettings(user.id);
  if (enabled) {
    if (!current.exchangeAccountId) {
      throw new AppError(
        "conflict",
        "Select an exchange account for auto-trading first (Exchange keys page).",
      );
    }
    const account = await db.query.exchangeAccounts.findFirst({
      columns: ACCOUNT_SAFE_QUERY_COLUMNS,
      where: and(eq(exchangeAccounts.id, current.exchangeAccountId), eq(exchangeAccounts.userId, user.id)),
    });
    if (!account || account.status !== "active") {
      throw new AppError(
        "conflict",
        "The selected exchange account is not usable; check it on the Exchange keys page.",
      );
    }
    await assertCanUseAccount(user, account);
  }
  // Switching auto-trading on is also how a user turns their own kill switch ("Stop and flatten") off again.
  await db
    .update(tradingSettings)
    .set(
      enabled
        ? { autoTrade: true, killSwitch: false, pausedReason: null, pausedAt: null }
        : { autoTrade: false },
    )
    .where(eq(tradingSettings.id, current.id));
  await audit({
    actorId: user.id,
    targetUserId: user.id,
    action: enabled ? "trading.auto_trade_on" : "trading.auto_trade_off",
    ip,
    targetType: "trading_settings",
    targetId: String(current.id),
    metadata: enabled && current.killSwitch ? { killSwitch: "off" } : undefined,
  });
  return getSettings(user.id);
}

/** The settings as the API returns them. */
export function settingsView(s: TradingSettings) {
  return {
    symbol: s.symbol,
    autoTrade: s.autoTrade,
    exchangeAccountId: s.exchangeAccountId,
    riskLevel: s.riskLevel,
    maxLeverage: s.maxLeverage,
    minConfidence: s.minConfidence,
    customPrompt: s.customPrompt,
    dailyLossLimit: s.dailyLossLimit,
    killSwitch: s.killSwitch,
    pausedReason: s.pausedReason,
    pausedAt: s.pausedAt,
  };
}
