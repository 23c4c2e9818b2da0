import "server-only";
// When an execute job last finished (any outcome), for the liveness check: jobs waiting while nothing has
// finished for a minute means execution is stuck. Written at most once a second per process.
import { redis, rkey } from "@/lib/redis";

const KEY = () => rkey("execute:progress");
let lastWrite = 0;

/** Record that an execute job just finished (best effort). */
export function noteExecuteProgress(now = Date.now()): void {
  if (now - lastWrite < 1_000) return;
  lastWrite = now;
  redis()
    .set(KEY(), String(now), "EX", 86_400)
    .catch(() => undefined);
}

/** When an execute job last finished, or null when none did in the last day (or Redis lost it). */
export async function lastExecuteProgress(): Promise<number | null> {
  const v = await redis().get(KEY());
  return v ? Number(v) : null;
}
