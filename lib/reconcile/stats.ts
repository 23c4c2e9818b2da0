import "server-only";
// Reconcile figures for the admin console and the metrics: how late passes run after they were due, and how
// many live accounts diverge from the ledger right now.
import { isNotNull, sql } from "drizzle-orm";
import { db } from "@/db";
import { accountSync } from "@/db/schema";
import { redis, rkey } from "@/lib/redis";

const LAGS = () => rkey("reconcile:lags");
const KEEP = 500;

/** Record how late a pass ran after it was due (ms), keeping the newest 500. */
export async function noteReconcileLag(dueAt: number, now = Date.now()): Promise<void> {
  await redis()
    .multi()
    .lpush(LAGS(), String(Math.max(0, now - dueAt)))
    .ltrim(LAGS(), 0, KEEP - 1)
    .exec();
}

/** p50 / p99 of recent pass lags (ms), the oldest sync of a watched account, and divergent accounts. */
export async function reconcileStats(): Promise<{
  lagP50Ms: number | null;
  lagP99Ms: number | null;
  passes: number;
  divergent: number;
}> {
  const lags = (await redis().lrange(LAGS(), 0, -1)).map(Number).sort((a, b) => a - b);
  const at = (q: number) =>
    lags.length ? lags[Math.min(lags.length - 1, Math.ceil(q * lags.length) - 1)]! : null;
  const [row] = await db
    .select({ n: sql<number>`COUNT(*)` })
    .from(accountSync)
    .where(isNotNull(accountSync.divergence));
  return { lagP50Ms: at(0.5), lagP99Ms: at(0.99), passes: lags.length, divergent: Number(row?.n ?? 0) };
}
