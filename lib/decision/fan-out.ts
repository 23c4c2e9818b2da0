import "server-only";
// Fan-out: one execute job per (decision, eligible user), enqueued in bulk. Job ids are derived from the
// decision and the user, so enqueueing the same decision twice adds nothing; job data holds ids only.
import type { Decision } from "@/db/schema";
import { getQueue } from "@/lib/queue/queues";
import { QUEUES } from "@/lib/queue/names";
import { decisionsChannel, userChannel } from "@/lib/events/channels";
import { redis, rkey } from "@/lib/redis";

export interface ExecuteJobData {
  decisionId: number;
  userId: number;
}

/** BullMQ job id of a user's execution of a decision (no ':' allowed). */
export function executeJobId(decisionId: number, userId: number): string {
  return `d${decisionId}-u${userId}`;
}

const CHUNK = 1000;

/** Options of every execute job (the fan-out's and the sweeper's re-enqueues alike). */
export const EXECUTE_JOB_OPTS = {
  attempts: 6,
  backoff: { type: "exponential", delay: 500 },
  removeOnComplete: { age: 24 * 3600, count: 200_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;

const fanoutKey = (decisionId: number) => rkey(`fanout:done:${decisionId}`);

/** Mark a decision's fan-out as done (the sweeper re-runs fan-outs whose mark a Redis loss erased). */
export async function markFannedOut(decisionId: number, ttlMs: number): Promise<void> {
  await redis().set(fanoutKey(decisionId), "1", "PX", Math.max(60_000, ttlMs));
}

/** Whether a decision's fan-out is known to be done. */
export async function isFannedOut(decisionId: number): Promise<boolean> {
  return (await redis().exists(fanoutKey(decisionId))) === 1;
}

/** Enqueue execution for every user of a decision that is not a hold; returns the number of jobs offered. */
export async function fanOut(decision: Decision, userIds: number[]): Promise<number> {
  if (decision.action === "hold" || userIds.length === 0) return 0;
  const queue = getQueue(QUEUES.execute);
  for (let i = 0; i < userIds.length; i += CHUNK) {
    const jobs = userIds.slice(i, i + CHUNK).map((userId) => ({
      name: "execute",
      data: { decisionId: decision.id, userId } satisfies ExecuteJobData,
      opts: { jobId: executeJobId(decision.id, userId), ...EXECUTE_JOB_OPTS },
    }));
    await queue.addBulk(jobs);
  }
  return userIds.length;
}

/**
 * Tell dashboards about a new decision (the SSE stream forwards it). Default-prompt decisions go to everyone;
 * a custom-prompt group's decision (its reason may echo the prompt) only to that group's users.
 */
export async function publishDecision(decision: Decision, userIds: number[]): Promise<void> {
  const payload = {
    id: decision.id,
    symbol: decision.symbol,
    tickTime: decision.tickTime.getTime(),
    candleTime: decision.candleTime?.getTime() ?? null,
    groupKey: decision.groupKey,
    action: decision.action,
    confidence: decision.confidence,
    leverage: decision.leverage,
    stopLoss: decision.stopLoss,
    takeProfit: decision.takeProfit,
    reason: decision.reason,
    price: decision.price,
    provider: decision.provider,
    model: decision.model,
    status: decision.status,
  };
  const message = JSON.stringify(payload);
  if (decision.promptHash === null) {
    await redis().publish(decisionsChannel(), message);
    return;
  }
  const pipeline = redis().pipeline();
  for (const userId of userIds)
    pipeline.publish(userChannel(userId), JSON.stringify({ type: "decision", ...payload }));
  await pipeline.exec();
}
