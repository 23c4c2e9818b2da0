import "server-only";
// When the next decision arrives and who makes it, for the dashboard's countdown and strategy label.
import { providerConfig, tickIntervalMs } from "@/lib/decision/provider-config";

export interface DecisionSchedule {
  /** Epoch ms of the next tick boundary. */
  nextTickAt: number;
  tickIntervalMs: number;
  provider: "builtin" | "openai";
  model: string;
  /** The server's clock when this was made: the dashboard corrects its own clock's skew with it. */
  serverNow: number;
}

/** The next tick (the interval boundary after `now`, where the scheduler fires) and the configured provider. */
export async function decisionSchedule(now = Date.now()): Promise<DecisionSchedule> {
  const [interval, cfg] = await Promise.all([tickIntervalMs(), providerConfig()]);
  return {
    nextTickAt: Math.floor(now / interval) * interval + interval,
    tickIntervalMs: interval,
    provider: cfg.provider,
    model: cfg.model,
    serverNow: now,
  };
}
