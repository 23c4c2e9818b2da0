import "server-only";
// The Controls panel: every system setting with its env default, and validated, audited updates.
import { z } from "zod";
import { db } from "@/db";
import { systemSettings } from "@/db/schema";
import { AppError } from "@/lib/api/errors";
import { DEFAULT_MODEL_PRICES, modelPricesSchema, type ModelPrices } from "@/lib/decision/prices";
import { derivedBudget } from "@/lib/decision/budget";
import { defaultProvider } from "@/lib/decision/provider-config";
import { env } from "@/lib/env";
import { systemChannel } from "@/lib/events/channels";
import { getLogger } from "@/lib/log";
import { redis } from "@/lib/redis";
import {
  SYSTEM_SETTINGS,
  getSystemSetting,
  setSystemSetting,
  type SystemSettingKey,
  type SystemSettingValue,
} from "@/lib/system/settings";
import { auditAdmin, type AdminActor } from "./audit-action";

/** Stored values (null = default) and what the loop actually uses. */
export interface SettingsView {
  stored: { [K in SystemSettingKey]: SystemSettingValue<K> };
  effective: {
    killSwitch: boolean;
    pausedSymbols: string[];
    provider: "builtin" | "openai";
    model: string;
    tickIntervalMinutes: number;
    dailyTokenBudget: number;
    modelPrices: ModelPrices;
  };
  defaults: {
    provider: string;
    model: string;
    tickIntervalMinutes: number;
    dailyTokenBudget: number;
    /** How the default budget is made: DAILY_TOKEN_BUDGET, or derived (with its formula). */
    dailyTokenBudgetSource: string;
    modelPrices: ModelPrices;
  };
  symbols: string[];
  updatedAt: Record<string, Date>;
}

/** Read every setting fresh from MySQL. */
export async function readSettingsView(): Promise<SettingsView> {
  const keys = Object.keys(SYSTEM_SETTINGS) as SystemSettingKey[];
  const values = await Promise.all(keys.map((k) => getSystemSetting(k)));
  const stored = Object.fromEntries(keys.map((k, i) => [k, values[i]])) as SettingsView["stored"];
  const rows = await db
    .select({ key: systemSettings.key, updatedAt: systemSettings.updatedAt })
    .from(systemSettings);
  const tickIntervalMinutes = stored.tickIntervalMinutes ?? env.TICK_INTERVAL_SECONDS / 60;
  const derived =
    env.DAILY_TOKEN_BUDGET === undefined ? await derivedBudget(tickIntervalMinutes * 60_000) : null;
  const defaults = {
    provider: defaultProvider(),
    model: env.OPENAI_MODEL,
    tickIntervalMinutes: env.TICK_INTERVAL_SECONDS / 60,
    dailyTokenBudget: derived?.tokens ?? env.DAILY_TOKEN_BUDGET!,
    dailyTokenBudgetSource: derived ? `derived: ${derived.formula}` : "DAILY_TOKEN_BUDGET",
    modelPrices: DEFAULT_MODEL_PRICES,
  };
  return {
    stored,
    defaults,
    symbols: env.MARKET_SYMBOLS,
    updatedAt: Object.fromEntries(rows.map((r) => [r.key, r.updatedAt])),
    effective: {
      killSwitch: stored.killSwitch,
      pausedSymbols: stored.pausedSymbols,
      provider: stored.provider ?? defaults.provider,
      model: stored.model ?? defaults.model,
      tickIntervalMinutes: stored.tickIntervalMinutes ?? defaults.tickIntervalMinutes,
      dailyTokenBudget: stored.dailyTokenBudget ?? defaults.dailyTokenBudget,
      modelPrices: stored.modelPrices ?? defaults.modelPrices,
    },
  };
}

/** PUT /api/admin/settings body: any subset of the settings; null resets to the env default. */
export const settingsPatchSchema = z
  .object({
    killSwitch: z.boolean(),
    pausedSymbols: z.array(z.string().trim().toUpperCase()).max(50),
    provider: SYSTEM_SETTINGS.provider.schema,
    model: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9._:/-]{1,64}$/, "letters, digits and . _ : / - only, at most 64")
      .nullable(),
    tickIntervalMinutes: z
      .number()
      .int("whole minutes")
      .min(1, "at least 1")
      .max(240, "at most 240")
      .nullable(),
    dailyTokenBudget: z
      .number()
      .int("whole tokens")
      .min(0, "cannot be negative")
      .max(1_000_000_000)
      .nullable(),
    modelPrices: modelPricesSchema
      .refine((t) => Object.keys(t).length <= 100, "At most 100 models")
      .refine(
        (t) => Object.keys(t).every((m) => /^[A-Za-z0-9._:/-]{1,64}$/.test(m)),
        "Model names: letters, digits and . _ : / - only, at most 64",
      )
      .nullable(),
  })
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, "Change at least one setting");

export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

/** Apply a validated patch: each changed key is stored and audited; unchanged keys are left alone. */
export async function updateSettings(actor: AdminActor, patch: SettingsPatch): Promise<SystemSettingKey[]> {
  if (patch.pausedSymbols) {
    const unknown = patch.pausedSymbols.filter((s) => !env.MARKET_SYMBOLS.includes(s));
    if (unknown.length > 0) {
      throw new AppError("bad_request", `Unknown symbol: ${unknown.join(", ")}`, {
        fields: { pausedSymbols: `Not a served symbol: ${unknown.join(", ")}` },
      });
    }
    patch = { ...patch, pausedSymbols: [...new Set(patch.pausedSymbols)].sort() };
  }
  const changed: SystemSettingKey[] = [];
  for (const key of Object.keys(patch) as SystemSettingKey[]) {
    const next = patch[key] as SystemSettingValue<typeof key>;
    const previous = await getSystemSetting(key);
    if (JSON.stringify(previous) === JSON.stringify(next)) continue;
    await setSystemSetting(key, next, actor.id);
    await auditAdmin(actor, {
      action:
        key === "killSwitch"
          ? next
            ? "admin.kill_switch.on"
            : "admin.kill_switch.off"
          : `admin.settings.${key}`,
      targetType: "system_setting",
      targetId: key,
      metadata: { key, from: previous, to: next },
    });
    changed.push(key);
    if (key === "killSwitch") await announceKillSwitch(next as boolean);
  }
  return changed;
}

/** Tell every open page (banner, auto-trading card) at once; a page that misses it reads it on its next load. */
async function announceKillSwitch(on: boolean): Promise<void> {
  try {
    await redis().publish(systemChannel(), JSON.stringify({ type: "system", killSwitch: on }));
  } catch (err) {
    getLogger("admin").warn({ err }, "could not announce the kill switch change");
  }
}
