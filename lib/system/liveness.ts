import "server-only";
// Liveness beyond "the processes answer": is the loop still deciding, is execution moving, are orders landing?
// Used by /api/health (503 naming the failing check), the admin status page and the metrics.
import { and, eq, lt, max, ne, sql } from "drizzle-orm";
import { db } from "@/db";
import { decisions, orders } from "@/db/schema";
import { tickIntervalMs } from "@/lib/decision/provider-config";
import { env } from "@/lib/env";
import { lastExecuteProgress } from "@/lib/execution/progress";
import { QUEUES } from "@/lib/queue/names";
import { getQueue } from "@/lib/queue/queues";
import { getSystemSetting } from "@/lib/system/settings";
import { liveWorkers } from "@/lib/workers/heartbeat";

/** Jobs waiting with nothing finished for this long means execution is stuck. */
export const EXECUTE_STUCK_MS = 60_000;

export interface LivenessCheck {
  ok: boolean;
  /** What is wrong (or what was seen), in a sentence. */
  detail: string;
}

export interface Liveness {
  decisions: LivenessCheck;
  executeQueue: LivenessCheck;
  pendingOrders: LivenessCheck & { stuck: number };
}

const hhmm = (t: number) => new Date(t).toISOString().slice(11, 16);

// Each served, unpaused symbol has a decision from the last two intervals — once a decide worker has been up
// that long (a fresh install or a restart is not "stalled").
async function decisionsCheck(now: number): Promise<LivenessCheck> {
  const [interval, paused, workers] = await Promise.all([
    tickIntervalMs(),
    getSystemSetting("pausedSymbols"),
    liveWorkers(),
  ]);
  const deciders = workers.filter((w) => w.queues.includes("decide"));
  if (deciders.length === 0) return { ok: false, detail: "no worker runs the decide role" };
  const upFor = now - Math.min(...deciders.map((w) => w.startedAt));
  const rows = await db
    .select({ symbol: decisions.symbol, last: max(decisions.tickTime) })
    .from(decisions)
    // A user's signal webhook alert is not the loop deciding.
    .where(ne(decisions.provider, "signal"))
    .groupBy(decisions.symbol);
  const last = new Map(rows.map((r) => [r.symbol, r.last?.getTime() ?? 0]));
  const late = env.MARKET_SYMBOLS.filter(
    (s) => !paused.includes(s) && now - (last.get(s) ?? 0) > 2 * interval,
  );
  if (late.length === 0 || upFor <= 2 * interval) return { ok: true, detail: "deciding on schedule" };
  const since = late.map((s) => (last.get(s) ? `${s} since ${hhmm(last.get(s)!)} UTC` : `${s} never`));
  return { ok: false, detail: `no decision for two tick intervals: ${since.join(", ")}` };
}

async function executeCheck(now: number): Promise<LivenessCheck> {
  const [waiting, progress] = await Promise.all([
    getQueue(QUEUES.execute).getJobCountByTypes("waiting", "prioritized"),
    lastExecuteProgress(),
  ]);
  if (waiting === 0) return { ok: true, detail: "no jobs waiting" };
  if (progress !== null && now - progress < EXECUTE_STUCK_MS)
    return { ok: true, detail: `${waiting} waiting, moving` };
  const quiet =
    progress === null
      ? "nothing finished recently"
      : `nothing finished for ${Math.round((now - progress) / 1000)} s`;
  return { ok: false, detail: `${waiting} execute jobs waiting and ${quiet}` };
}

async function pendingCheck(now: number): Promise<Liveness["pendingOrders"]> {
  const [row] = await db
    .select({ n: sql<number>`COUNT(*)` })
    .from(orders)
    .where(
      and(
        eq(orders.status, "pending"),
        lt(orders.createdAt, new Date(now - env.STUCK_PENDING_SECONDS * 1000)),
      ),
    );
  const stuck = Number(row?.n ?? 0);
  return stuck === 0
    ? { ok: true, stuck, detail: "no order row stuck pending" }
    : {
        ok: false,
        stuck,
        detail: `${stuck} order rows pending for more than ${env.STUCK_PENDING_SECONDS} s`,
      };
}

/** The three liveness checks. */
export async function liveness(now = Date.now()): Promise<Liveness> {
  const [d, e, p] = await Promise.all([decisionsCheck(now), executeCheck(now), pendingCheck(now)]);
  return { decisions: d, executeQueue: e, pendingOrders: p };
}
