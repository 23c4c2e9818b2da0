import "server-only";
// Per-symbol provider health: consecutive failures and safe mode, in Redis (the admin console reads it).
import { env } from "@/lib/env";
import { redis, rkey } from "@/lib/redis";

export interface DecisionState {
  failures: number;
  safeMode: boolean;
  safeSince: number | null;
  lastError: string | null;
}

const key = (symbol: string) => rkey(`decide:state:${symbol}`);

/** Current state of a symbol's decision provider. */
export async function getDecisionState(symbol: string): Promise<DecisionState> {
  const h = await redis().hgetall(key(symbol));
  return {
    failures: Number(h.failures ?? 0),
    safeMode: h.safeMode === "1",
    safeSince: h.safeSince ? Number(h.safeSince) : null,
    lastError: h.lastError || null,
  };
}

/** Record a provider call's outcome; returns the new state (safe mode after N failures in a row). */
export async function recordProviderOutcome(
  symbol: string,
  ok: boolean,
  error: string | null,
): Promise<DecisionState> {
  if (ok) {
    await redis().hset(key(symbol), { failures: 0, safeMode: "0", safeSince: "", lastError: "" });
    return { failures: 0, safeMode: false, safeSince: null, lastError: null };
  }
  const failures = await redis().hincrby(key(symbol), "failures", 1);
  const current = await getDecisionState(symbol);
  if (failures >= env.SAFE_MODE_AFTER_FAILURES && !current.safeMode) {
    await redis().hset(key(symbol), { safeMode: "1", safeSince: Date.now() });
  }
  await redis().hset(key(symbol), { lastError: (error ?? "failed").slice(0, 300) });
  return getDecisionState(symbol);
}
