import "server-only";
// Installation-wide settings in `system_settings`, read fresh on every use so changes apply without a restart.
import { eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { systemSettings } from "@/db/schema";
import { modelPricesSchema, type ModelPrices } from "@/lib/decision/prices";

/** Each setting's schema and default. */
export const SYSTEM_SETTINGS = {
  /** Global kill switch: no new orders from the next job onward. */
  killSwitch: { schema: z.boolean(), default: false },
  /** Symbols whose decision loop is paused. */
  pausedSymbols: { schema: z.array(z.string().regex(/^[A-Z0-9]{2,20}USDT$/)), default: [] as string[] },
  /** Decision provider: `builtin` (indicator strategy) or `openai` (any OpenAI-compatible server). */
  provider: {
    schema: z.enum(["builtin", "openai"]).nullable(),
    default: null as "builtin" | "openai" | null,
  },
  /** Model name for the openai provider; null = OPENAI_MODEL from env. */
  model: { schema: z.string().min(1).max(64).nullable(), default: null as string | null },
  /** Minutes between decision ticks; null = TICK_INTERVAL_MINUTES from env. */
  tickIntervalMinutes: {
    schema: z.number().int().min(1).max(240).nullable(),
    default: null as number | null,
  },
  /** LLM tokens allowed per UTC day across all symbols; null = DAILY_TOKEN_BUDGET from env, else derived. */
  dailyTokenBudget: { schema: z.number().int().min(0).nullable(), default: null as number | null },
  /** LLM prices per model (USD per 1M tokens); null = the built-in table of list prices. */
  modelPrices: { schema: modelPricesSchema.nullable(), default: null as ModelPrices | null },
} as const;

export type SystemSettingKey = keyof typeof SYSTEM_SETTINGS;
export type SystemSettingValue<K extends SystemSettingKey> = z.infer<(typeof SYSTEM_SETTINGS)[K]["schema"]>;

/** Read one setting (its default when unset or unreadable). */
export async function getSystemSetting<K extends SystemSettingKey>(key: K): Promise<SystemSettingValue<K>> {
  const row = await db.query.systemSettings.findFirst({ where: eq(systemSettings.key, key) });
  const parsed = SYSTEM_SETTINGS[key].schema.safeParse(row?.value);
  return (parsed.success ? parsed.data : SYSTEM_SETTINGS[key].default) as SystemSettingValue<K>;
}

/** Read several settings in one query (each its default when unset or unreadable). */
export async function getSystemSettings<K extends SystemSettingKey>(
  keys: K[],
): Promise<{ [P in K]: SystemSettingValue<P> }> {
  const rows = await db.select().from(systemSettings).where(inArray(systemSettings.key, keys));
  const out = {} as { [P in K]: SystemSettingValue<P> };
  for (const key of keys) {
    const parsed = SYSTEM_SETTINGS[key].schema.safeParse(rows.find((r) => r.key === key)?.value);
    out[key] = (parsed.success ? parsed.data : SYSTEM_SETTINGS[key].default) as SystemSettingValue<K>;
  }
  return out;
}

/** Write one setting (validated); callers audit the change. */
export async function setSystemSetting<K extends SystemSettingKey>(
  key: K,
  value: SystemSettingValue<K>,
  updatedBy: number | null,
): Promise<void> {
  const valid = SYSTEM_SETTINGS[key].schema.parse(value);
  // null means "back to the env default": no row.
  if (valid === null) {
    await db.delete(systemSettings).where(eq(systemSettings.key, key));
    return;
  }
  await db
    .insert(systemSettings)
    .values({ key, value: valid, updatedBy })
    .onDuplicateKeyUpdate({ set: { value: valid, updatedBy, updatedAt: new Date() } });
}
