import "server-only";
// Group membership is frozen at a tick's first attempt: retries (and a second worker racing on the same tick)
// reuse the same groups, so a settings change between attempts can never add a second decision — or a
// second order — to one tick.
import { redis, rkey } from "@/lib/redis";
import { loadDecisionGroups, type DecisionGroup } from "./groups";

const key = (symbol: string, tickTime: number, providerModel: string) =>
  rkey(`decide:frozen:${symbol}:${tickTime}:${providerModel}`);

/** The tick's groups: the first attempt's, else loaded now and stored for later attempts. */
export async function frozenGroups(
  symbol: string,
  tickTime: number,
  providerModel: string,
  ttlMs: number,
): Promise<DecisionGroup[]> {
  const k = key(symbol, tickTime, providerModel);
  const stored = await redis().get(k);
  if (stored) return JSON.parse(stored) as DecisionGroup[];
  const groups = await loadDecisionGroups(symbol, providerModel);
  // NX: when two attempts race, the first write wins and both use it.
  await redis().set(k, JSON.stringify(groups), "PX", ttlMs, "NX");
  return JSON.parse((await redis().get(k)) ?? JSON.stringify(groups)) as DecisionGroup[];
}
