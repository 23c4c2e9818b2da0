import "server-only";
// Checks an execute job makes right before it trades: the market price is fresh and has not run away from the
// decision's price, and — on a live account — Tickpilot knows what is on the account (reconciled since this
// process started) and the open position is its own (a position the owner opened by hand is never touched).
import { and, eq } from "drizzle-orm";
import { db } from "@/db";
import { positions, type Decision } from "@/db/schema";
import { env } from "@/lib/env";
import type { Candle } from "@/lib/market/types";
import { reconcileAccount } from "@/lib/reconcile/reconcile-account";
import { requestReconcile } from "@/lib/reconcile/schedule";

const reconciled = new Map<number, Promise<unknown>>();

/** Reconcile a live account once per process before its first order (startup reconciliation). */
export function ensureReconciledOnce(accountId: number): Promise<unknown> {
  let p = reconciled.get(accountId);
  if (!p) {
    p = reconcileAccount(accountId).catch((err: unknown) => {
      reconciled.delete(accountId);
      throw err;
    });
    reconciled.set(accountId, p);
  }
  return p;
}

/** Why the market does not allow trading on this decision now, or null. */
export function marketSkipReason(decision: Decision, candle: Candle | null, now = Date.now()): string | null {
  if (!candle) return "No market price yet: the feed has not written a candle. No order placed.";
  // The newest stored candle is the forming one; it is stale once its minute is long over.
  const age = now - (candle.t + 60_000);
  if (age > env.EXECUTION_MAX_FEED_AGE_SECONDS * 1000)
    return `The market feed is stale (last price ${Math.round(age / 1000)} s old): no order placed.`;
  if (decision.price && decision.price > 0) {
    const move = Math.abs(candle.c - decision.price) / decision.price;
    if (move > env.EXECUTION_MAX_PRICE_MOVE)
      return `The price moved ${(move * 100).toFixed(2)} % since the decision (limit ${(env.EXECUTION_MAX_PRICE_MOVE * 100).toFixed(2)} %): no order placed.`;
  }
  return null;
}

/** On a live account: why the open position must be left alone (it is the owner's), or null. */
export async function foreignPositionReason(accountId: number, symbol: string): Promise<string | null> {
  const [row] = await db
    .select({ origin: positions.origin, side: positions.side, qty: positions.qty })
    .from(positions)
    .where(
      and(
        eq(positions.exchangeAccountId, accountId),
        eq(positions.symbol, symbol),
        eq(positions.status, "open"),
      ),
    );
  if (row?.origin !== "foreign") return null;
  return `A ${row.side} position of ${row.qty} ${symbol} that you opened yourself is on the account: Tickpilot does not touch it.`;
}

/** After placing on a live account: read the fills back shortly. */
export function afterLiveOrder(accountId: number): Promise<void> {
  return requestReconcile(accountId, 1_500).catch(() => undefined);
}
