// Which workers this process runs. Each feature registers its starter here; WORKER_ROLES picks a subset.
import { env } from "@/lib/env";
import { startDecideWorker } from "./decide";
import { startExecuteWorker } from "./execute";
import { startMarketFeed } from "./market-feed";
import { startPaperWorker } from "./paper";
import { startBillingWorker } from "./billing";
import { startReconcileWorker } from "./reconcile";
import { startSweeper } from "./sweeper";
import type { Runnable, WorkerContext } from "./types";
import { startBacktestWorker } from "./backtest";
import { startNotifyWorker } from "./notify";

export type { Runnable, WorkerContext } from "./types";

type Starter = (ctx: WorkerContext) => Promise<Runnable | Runnable[]>;

/** role name → starter. Features add their entry (e.g. `feed: startMarketFeed`). */
const STARTERS: Record<string, Starter> = {
  decide: startDecideWorker,
  execute: startExecuteWorker,
  feed: startMarketFeed,
  paper: startPaperWorker,
  billing: startBillingWorker,
  sweeper: startSweeper,
  reconcile: startReconcileWorker,
  backtest: startBacktestWorker,
  notify: startNotifyWorker,
};

/** The roles this process runs: every registered one for `all`, otherwise those listed in WORKER_ROLES. */
export function selectedRoles(roles: string[] = env.WORKER_ROLES): string[] {
  const known = Object.keys(STARTERS);
  if (roles.includes("all")) return known;
  const unknown = roles.filter((r) => !known.includes(r));
  if (unknown.length > 0)
    throw new Error(`WORKER_ROLES: unknown role ${unknown.join(", ")} (known: ${known.join(", ")})`);
  return roles;
}

/** Start every selected worker and loop; each returns something that closes cleanly. */
export async function startWorkers(ctx: WorkerContext): Promise<Runnable[]> {
  const started: Runnable[] = [];
  for (const role of selectedRoles()) {
    const result = await STARTERS[role]!(ctx);
    started.push(...(Array.isArray(result) ? result : [result]));
  }
  return started;
}
