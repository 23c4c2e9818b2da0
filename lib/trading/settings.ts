import "server-only";
// A user's trading settings for a symbol: read (created on first use), validated updates, the auto-trade switch.
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { ACCOUNT_SAFE_QUERY_COLUMNS } from "@/lib/accounts/exchange-accounts";
import { db } from "@/db";
import { exchangeAccounts, tradingSettings, type TradingSettings } from "@/db/schema";
import { AppError } from "@/lib/api/errors";
import { audit } from "@/lib/audit";
import { assertCanUseAccount } from "@/lib/billing/limits";
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

/** Input of PUT /api/settings: every field optional, unknown fields refused. */
export const settingsInput = z
  .object({
    riskLevel: z.enum(RISK_LEVELS, { error: "riskLevel must be low, medium or high" }),
    maxLeverage: z
      .number({ error: "maxLeverage must be a number" })
      .int("maxLeverage must be a whole number")
      .min(1, "maxLeverage must be at least 1"),
    minConfidence: z
      .number({ error: "minConfidence must be a number" })
      .min(0, "minConfidence must be between 0 and 1")
      .max(1, "minConfidence must be between 0 and 1"),
    customPrompt: z
      .string({ error: "customPrompt must be text" })
      .max(2000, "customPrompt must be at most 2,000 characters")
      .nullable()
      .transform((v) => (v && v.trim() ? v.trim() : null)),
    dailyLossLimit: z
      .number({ error: "dailyLossLimit must be a number of USDT" })
      .positive("dailyLossLimit must be more than 0 (or null for no limit)")
      .max(1e9, "dailyLossLimit is too large")
      .nullable(),
  })
  .partial()
  .strict();
export type SettingsInput = z.infer<typeof settingsInput>;

/** Plan rules for settings: leverage cap and custom prompts, with messages naming the plan. */
export function checkSettingsAgainstPlan(input: SettingsInput, plan: Plan): void {
  if (input.maxLeverage !== undefined && input.maxLeverage > plan.maxLeverage) {
    throw new AppError(
      "bad_request",
      `maxLeverage: ${input.maxLeverage}x is above the ${plan.name} plan's maximum of ${plan.maxLeverage}x`,
      {
        fields: { maxLeverage: `The ${plan.name} plan allows up to ${plan.maxLeverage}x` },
      },
    );
  }
  if (input.customPrompt && !plan.customPrompt) {
    throw new AppError("bad_request", `customPrompt: custom prompts are not part of the ${plan.name} plan`, {
      fields: { customPrompt: `Custom prompts need the Pro or Elite plan (you are on ${plan.name})` },
    });
  }
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
