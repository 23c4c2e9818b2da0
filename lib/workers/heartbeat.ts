import "server-only";
// Worker heartbeats in Redis: a sorted set of worker ids scored by their last beat, plus a small info hash each.
import { env } from "@/lib/env";
import { redis, rkey } from "@/lib/redis";

export interface WorkerInfo {
  id: string;
  pid: number;
  host: string;
  startedAt: number;
  lastBeat: number;
  queues: string[];
}

const SET = () => rkey("workers");
const INFO = (id: string) => rkey(`worker:${id}`);

/** Record that worker `info.id` is alive now. */
export async function beat(info: Omit<WorkerInfo, "lastBeat">, now = Date.now()): Promise<void> {
  const ttl = env.WORKER_HEARTBEAT_SECONDS * 6;
  await redis()
    .multi()
    .zadd(SET(), now, info.id)
    .set(INFO(info.id), JSON.stringify({ ...info, lastBeat: now }), "EX", ttl)
    .zremrangebyscore(SET(), 0, now - 24 * 3600_000)
    .exec();
}

/** Remove a worker on clean shutdown. */
export async function forget(id: string): Promise<void> {
  await redis().multi().zrem(SET(), id).del(INFO(id)).exec();
}

/** Workers seen within `maxAgeMs` (default three heartbeat periods), newest first. */
export async function liveWorkers(
  maxAgeMs = env.WORKER_HEARTBEAT_SECONDS * 3000,
  now = Date.now(),
): Promise<WorkerInfo[]> {
  const ids = await redis().zrevrangebyscore(SET(), "+inf", now - maxAgeMs);
  if (ids.length === 0) return [];
  const infos = await redis().mget(ids.map(INFO));
  return infos.flatMap((raw) => (raw ? [JSON.parse(raw) as WorkerInfo] : []));
}
