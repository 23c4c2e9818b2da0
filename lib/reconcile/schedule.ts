import "server-only";
// When live accounts are reconciled: right after Tickpilot places an order, when the private stream reports
// something, and periodically — every RECONCILE_OPEN_SECONDS while something is open, every
// RECONCILE_IDLE_SECONDS otherwise — for every live account with auto-trading on or anything open.
import { sql } from "drizzle-orm";
import { db } from "@/db";
import { env } from "@/lib/env";
import { QUEUES } from "@/lib/queue/names";
import { getQueue } from "@/lib/queue/queues";

/** Options of every reconcile job (one pass; a transient exchange failure is retried). */
const JOB_OPTS = {
  attempts: 3,
  backoff: { type: "exponential", delay: 2000 },
  removeOnComplete: { age: 3600, count: 10_000 },
  removeOnFail: { age: 24 * 3600 },
} as const;

/** Passes asked for within one window of this many ms collapse into one, run when the window ends. */
const COALESCE_MS = 2_000;

/**
 * Ask for a pass of `accountId` no earlier than `delayMs` from now. Requests in the same 2 s window collapse
 * into one pass that starts when the window ends, so it always starts after every event that asked for it
 * (a pass that already ran never swallows a later event).
 */
export async function requestReconcile(accountId: number, delayMs = 0): Promise<void> {
  const now = Date.now();
  const window = Math.floor((now + delayMs) / COALESCE_MS) + 1;
  await getQueue(QUEUES.reconcile).add(
    "reconcile",
    { accountId },
    { jobId: `rec-${accountId}-${window}`, delay: window * COALESCE_MS - now, ...JOB_OPTS },
  );
}

/** A live account the periodic check considered, with how stale its last sync is. */
export interface DueAccount {
  id: number;
  open: boolean;
  syncedAt: Date | null;
}

/** Live accounts with auto-trading on or anything open, and when each was last synced. */
export async function liveAccountsToWatch(): Promise<DueAccount[]> {
  const [rows] = (await db.execute(sql`
    SELECT ea.id AS id, s.synced_at AS syncedAt,
      (EXISTS (SELECT 1 FROM positions p WHERE p.exchange_account_id = ea.id AND p.status = 'open')
        OR EXISTS (SELECT 1 FROM orders o WHERE o.exchange_account_id = ea.id
                   AND o.status IN ('placed', 'partially_filled'))) AS isOpen
    FROM exchange_accounts ea
    LEFT JOIN account_sync s ON s.exchange_account_id = ea.id
    WHERE ea.exchange <> 'paper' AND ea.status = 'active' AND ea.api_key_enc IS NOT NULL
      AND (EXISTS (SELECT 1 FROM trading_settings t WHERE t.exchange_account_id = ea.id AND t.auto_trade = 1)
        OR EXISTS (SELECT 1 FROM positions p WHERE p.exchange_account_id = ea.id AND p.status = 'open')
        OR EXISTS (SELECT 1 FROM orders o WHERE o.exchange_account_id = ea.id
                   AND o.status IN ('placed', 'partially_filled')))
  `)) as unknown as [Array<{ id: number; syncedAt: Date | string | null; isOpen: number | string }>];
  return rows.map((r) => ({
    id: Number(r.id),
    open: Number(r.isOpen) === 1,
    syncedAt: r.syncedAt ? new Date(r.syncedAt) : null,
  }));
}

/** Enqueue a pass for every watched account whose last sync is older than its period; returns how many. */
export async function enqueueDueReconciles(now = Date.now()): Promise<number> {
  let n = 0;
  for (const a of await liveAccountsToWatch()) {
    const period = (a.open ? env.RECONCILE_OPEN_SECONDS : env.RECONCILE_IDLE_SECONDS) * 1000;
    if (a.syncedAt && now - a.syncedAt.getTime() < period) continue;
    await requestReconcile(a.id);
    n += 1;
  }
  return n;
}
