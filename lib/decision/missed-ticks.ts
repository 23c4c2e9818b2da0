import "server-only";
// A tick nobody ran (Redis or every worker was down at its boundary; BullMQ's scheduler then skips to the next
// boundary) is recorded as missed — a hold of the default group saying so — never silently skipped or
// relabelled. The previous tick comes from Redis, or from MySQL when Redis was lost.
import { desc, eq } from "drizzle-orm";
import { db } from "@/db";
import { decisions } from "@/db/schema";
import { getLogger } from "@/lib/log";
import { redis, rkey } from "@/lib/redis";
import { groupKey } from "./groups";
import { providerConfig } from "./provider-config";
import { saveDecision } from "./save-decision";

const log = getLogger("decide");

/** At most this many missed ticks are recorded at once (the newest). */
export const MAX_MISSED_RECORDED = 12;

const lastKey = (symbol: string) => rkey(`decide:lasttick:${symbol}`);
const hhmmss = (t: number) => new Date(t).toISOString().slice(11, 19);

async function previousTick(symbol: string): Promise<number | null> {
  const stored = await redis().get(lastKey(symbol));
  if (stored) return Number(stored);
  const [row] = await db
    .select({ t: decisions.tickTime })
    .from(decisions)
    .where(eq(decisions.symbol, symbol))
    .orderBy(desc(decisions.tickTime))
    .limit(1);
  return row?.t.getTime() ?? null;
}

/** Called as tick `tickMs` fires: records each boundary skipped since the previous tick; returns them. */
export async function recordMissedTicks(
  symbol: string,
  tickMs: number,
  intervalMs: number,
): Promise<number[]> {
  const previous = await previousTick(symbol);
  await redis().set(lastKey(symbol), String(tickMs), "EX", 7 * 86_400);
  if (previous === null || tickMs - previous <= intervalMs) return [];
  const missed: number[] = [];
  for (let t = tickMs - intervalMs; t > previous && missed.length < MAX_MISSED_RECORDED; t -= intervalMs)
    missed.push(t);
  missed.reverse();
  const cfg = await providerConfig();
  const key = groupKey(symbol, "medium", null, `${cfg.provider}/${cfg.model}`);
  for (const t of missed) {
    const reason = `Missed tick: nothing ran at ${hhmmss(t)} UTC (workers or Redis were unavailable); no decision was made.`;
    await saveDecision({
      symbol,
      tickTime: new Date(t),
      groupKey: key,
      riskLevel: "medium",
      promptHash: null,
      provider: cfg.provider,
      model: cfg.model,
      action: "hold",
      confidence: 0,
      leverage: 1,
      reason,
      status: "skipped",
      error: "missed tick",
      expiresAt: new Date(t + intervalMs),
    });
  }
  log.warn(
    { symbol, missed: missed.map(hhmmss), total: Math.floor((tickMs - previous) / intervalMs) - 1 },
    "missed ticks recorded",
  );
  return missed;
}
