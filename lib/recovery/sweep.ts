import "server-only";
// The sweeper: MySQL is the source of truth for orders, Redis can be lost. Each pass it
// 1. finds `pending` order rows whose execute job is not alive (lost with Redis, stalled out, failed) and puts
//    the job back under the same job id — the job then asks the exchange what earlier attempts did;
// 2. re-runs the fan-out of current decisions whose "fanned out" mark is gone (Redis restarted mid fan-out):
//    job ids dedupe, so users already enqueued get nothing twice.
// A row put back MAX_RECOVERIES times is settled instead (failed only after the exchange confirms no order).
import { and, eq, gt, inArray, isNotNull, lt, lte } from "drizzle-orm";
import { db } from "@/db";
import { decisions, orders } from "@/db/schema";
import {
  EXECUTE_JOB_OPTS,
  executeJobId,
  fanOut,
  isFannedOut,
  markFannedOut,
  type ExecuteJobData,
} from "@/lib/decision/fan-out";
import { loadDecisionGroups } from "@/lib/decision/groups";
import { adapterForAccount } from "@/lib/exchange/get-adapter";
import { settleFailedExecution } from "@/lib/execution/settle-failed";
import { getLogger } from "@/lib/log";
import { QUEUES } from "@/lib/queue/names";
import { getQueue } from "@/lib/queue/queues";
import { redis, rkey } from "@/lib/redis";
import { getSystemSetting } from "@/lib/system/settings";
import { signalDecisionUsers } from "@/lib/signals/owner";

const log = getLogger("sweeper");

/** A pending row younger than this is left alone (its job is most likely just running). */
export const SWEEP_PENDING_AFTER_MS = 15_000;
/** How many times one row's job is put back before the row is settled. */
export const MAX_RECOVERIES = 5;
const BATCH = 1_000;
const LIVE = new Set(["waiting", "active", "delayed", "prioritized", "waiting-children"]);

export interface SweepResult {
  requeued: number;
  settled: number;
  refannedDecisions: number;
  refannedJobs: number;
}

const recoveriesKey = (orderId: number) => rkey(`sweep:recoveries:${orderId}`);

/** Put back the jobs of pending rows that no live job will finish. */
async function sweepPending(now: number): Promise<{ requeued: number; settled: number }> {
  const rows = await db
    .select({ id: orders.id, decisionId: orders.decisionId, userId: orders.userId })
    .from(orders)
    .where(
      and(
        eq(orders.status, "pending"),
        isNotNull(orders.decisionId),
        lt(orders.createdAt, new Date(now - SWEEP_PENDING_AFTER_MS)),
      ),
    )
    .limit(BATCH);
  const queue = getQueue(QUEUES.execute);
  let requeued = 0;
  let settled = 0;
  for (const row of rows) {
    const data: ExecuteJobData = { decisionId: row.decisionId!, userId: row.userId };
    const jobId = executeJobId(data.decisionId, data.userId);
    const state = await queue.getJobState(jobId);
    if (LIVE.has(state)) continue;
    const recoveries = await redis().incr(recoveriesKey(row.id));
    await redis().expire(recoveriesKey(row.id), 86_400);
    if (recoveries > MAX_RECOVERIES) {
      const reason = `Could not be completed after ${MAX_RECOVERIES} recoveries.`;
      if (
        await settleFailedExecution(data.decisionId, data.userId, reason, { adapterFor: adapterForAccount })
      )
        settled += 1;
      continue;
    }
    const job = state === "failed" ? await queue.getJob(jobId) : null;
    if (job) await job.retry("failed");
    else {
      // A completed job keeps its id while its record lives; remove it so the id can run again.
      if (state === "completed") await queue.remove(jobId);
      await queue.add("execute", data, { jobId, ...EXECUTE_JOB_OPTS });
    }
    requeued += 1;
  }
  return { requeued, settled };
}

/** Re-run the fan-out of current buy/sell/close decisions whose fan-out mark is gone. */
async function refanDecisions(now: number): Promise<{ decisions: number; jobs: number }> {
  const current = await db
    .select()
    .from(decisions)
    .where(
      and(
        // Current decisions only: their tick has come and their interval has not run out.
        lte(decisions.tickTime, new Date(now)),
        gt(decisions.expiresAt, new Date(now)),
        inArray(decisions.action, ["buy", "sell", "close"]),
        gt(decisions.createdAt, new Date(now - 24 * 3600_000)),
        lt(decisions.createdAt, new Date(now - 5_000)),
      ),
    );
  if (current.length === 0) return { decisions: 0, jobs: 0 };
  const killed = await getSystemSetting("killSwitch");
  let refanned = 0;
  let jobs = 0;
  for (const d of current) {
    if (await isFannedOut(d.id)) continue;
    const ttl = d.expiresAt!.getTime() - now + 60_000;
    if (!killed) {
      // A signal decision is its owner's alone; a shared one goes to its group's current users.
      const userIds =
        d.provider === "signal"
          ? await signalDecisionUsers(d.id)
          : ((await loadDecisionGroups(d.symbol, `${d.provider}/${d.model}`)).find(
              (g) => g.key === d.groupKey,
            )?.userIds ?? []);
      jobs += await fanOut(d, userIds);
      refanned += 1;
    }
    await markFannedOut(d.id, ttl);
  }
  return { decisions: refanned, jobs };
}

/** One sweeper pass (safe to run from several workers at once: job ids and row states make it idempotent). */
export async function sweep(now = Date.now()): Promise<SweepResult> {
  const [{ requeued, settled }, refan] = await Promise.all([sweepPending(now), refanDecisions(now)]);
  const result = { requeued, settled, refannedDecisions: refan.decisions, refannedJobs: refan.jobs };
  if (requeued || settled || refan.decisions)
    log.info(result, "sweeper recovered work that no job was going to finish");
  return result;
}
