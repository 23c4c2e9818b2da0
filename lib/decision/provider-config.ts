import "server-only";
// Which provider and model decide, and how often: system settings (admin, no restart) over env defaults.
import { env } from "@/lib/env";
import { getSystemSetting } from "@/lib/system/settings";

export interface ProviderConfig {
  provider: "builtin" | "openai";
  model: string;
}

/** The provider used when no system setting overrides it. */
export function defaultProvider(): "builtin" | "openai" {
  return env.DECISION_PROVIDER ?? (env.OPENAI_API_KEY ? "openai" : "builtin");
}

/** Provider and model for the next tick. Without an API key the openai provider falls back to builtin. */
export async function providerConfig(): Promise<ProviderConfig> {
  const chosen = (await getSystemSetting("provider")) ?? defaultProvider();
  if (chosen === "openai" && (env.OPENAI_API_KEY || env.OPENAI_BASE_URL)) {
    return { provider: "openai", model: (await getSystemSetting("model")) ?? env.OPENAI_MODEL };
  }
  return { provider: "builtin", model: "indicators-v1" };
}

/** Milliseconds between ticks. */
export async function tickIntervalMs(): Promise<number> {
  const minutes = await getSystemSetting("tickIntervalMinutes");
  return minutes ? minutes * 60_000 : env.TICK_INTERVAL_SECONDS * 1000;
}
