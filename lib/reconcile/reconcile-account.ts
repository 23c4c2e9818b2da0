import "server-only";
// One reconcile pass of a live account: read the exchange's executions, orders, positions and balance, write what
// is new into the one ledger, settle Tickpilot's order rows, and record what was seen (with any divergence from
// the ledger) in account_sync — which is all the web process ever shows of a live account. Idempotent: a second
// pass over the same exchange state changes nothing. One pass per account at a time (a Redis lock).
import { and, eq, inArray, or } from "drizzle-orm";
import { db } from "@/db";
import { accountSync, exchangeAccounts, orders, positions, tradingSettings } from "@/db/schema";
import { parseClientOrderId } from "@/lib/execution/client-order-id";
import { enforceDailyLossLimit } from "@/lib/execution/daily-loss";
import { userChannel } from "@/lib/events/channels";
import { adapterForAccount } from "@/lib/exchange/get-adapter";
import { ExchangeError, type ExchangeAdapter } from "@/lib/exchange/types";
import { ingestFills, type LedgerAccount } from "@/lib/ledger/ingest-fills";
import { utcDay } from "@/lib/notify/events";
import { liveExitEvents } from "@/lib/notify/hooks";
import { notify } from "@/lib/notify/notify";
import { settleOrderRows, totalOrderRowsFromFills, unsettledOrders } from "@/lib/ledger/our-orders";
import { redis, rkey } from "@/lib/redis";
import { comparePositions } from "./compare-positions";
import { requestReconcile } from "./schedule";

/** Executions are read from a little before the newest one seen (exchanges report late ones). */
const CURSOR_OVERLAP_MS = 5 * 60_000;
/** A new account's first sync reads this far back. */
const FIRST_SYNC_MS = 7 * 86_400_000;
const LOCK_MS = 60_000;

export interface ReconcileResult {
  accountId: number;
  newFills: number;
  ordersChanged: number;
  divergence: string | null;
  /** Something is open (a position or an unsettled order): the next pass comes sooner. */
  open: boolean;
}

type Deps = { adapterFor: (acct: Parameters<typeof adapterForAccount>[0]) => ExchangeAdapter };

// Symbols worth reading: those the account trades for its owner, and anything the ledger has open on it.
async function symbolsOf(account: LedgerAccount): Promise<string[]> {
  const [settings, open, unsettled] = await Promise.all([
    db
      .select({ s: tradingSettings.symbol })
      .from(tradingSettings)
      .where(eq(tradingSettings.exchangeAccountId, account.id)),
    db
      .select({ s: positions.symbol })
      .from(positions)
      .where(and(eq(positions.exchangeAccountId, account.id), eq(positions.status, "open"))),
    db
      .select({ s: orders.symbol })
      .from(orders)
      .where(
        and(eq(orders.exchangeAccountId, account.id), inArray(orders.status, ["placed", "partially_filled"])),
      ),
  ]);
  return [...new Set([...settings, ...open, ...unsettled].map((r) => r.s))];
}

/** Reconcile one live account; null when it is not a live account with keys, or another pass holds it. */
export async function reconcileAccount(
  accountId: number,
  deps: Deps = { adapterFor: adapterForAccount },
): Promise<ReconcileResult | null> {
  const [acct] = await db.select().from(exchangeAccounts).where(eq(exchangeAccounts.id, accountId));
  if (!acct || acct.exchange === "paper" || !acct.apiKeyEnc || !acct.apiSecretEnc) return null;
  const lock = rkey(`reconcile:lock:${accountId}`);
  if ((await redis().set(lock, "1", "PX", LOCK_MS, "NX")) !== "OK") {
    // Another pass is running and may have read the exchange before what asked for this one: come back after it.
    await requestReconcile(accountId, 1_000);
    return null;
  }
  const account: LedgerAccount = { id: acct.id, userId: acct.userId };
  try {
    const adapter = deps.adapterFor(acct);
    const [sync] = await db.select().from(accountSync).where(eq(accountSync.exchangeAccountId, accountId));
    const since = sync?.tradesCursor
      ? sync.tradesCursor.getTime() - CURSOR_OVERLAP_MS
      : Math.max(acct.createdAt.getTime() - 60_000, Date.now() - FIRST_SYNC_MS);
    let cursor = sync?.tradesCursor?.getTime() ?? 0;
    let newFills = 0;
    let ordersChanged = 0;
    let foreignOpenOrders = 0;
    let open = false;
    const notes: string[] = [];
    let leverage: number | null = null;
    let marginMode: string | null = null;
    for (const symbol of await symbolsOf(account)) {
      const exFills = await adapter.fetchFills(symbol, since);
      for (const f of exFills) cursor = Math.max(cursor, f.time);
      const written = await ingestFills(account, symbol, exFills);
      await notify(...liveExitEvents(account, written));
      newFills += written.length;
      const ours = new Map<string, { decisionId: number; userId: number }>();
      for (const f of written) {
        const p = parseClientOrderId(f.clientOrderId);
        if (p?.decisionId)
          ours.set(`${p.decisionId}:${p.userId}`, { decisionId: p.decisionId, userId: p.userId });
      }
      await totalOrderRowsFromFills(account.id, [...ours.values()]);
      const unsettled = await unsettledOrders(account.id, symbol);
      ordersChanged += await settleOrderRows(adapter, unsettled);
      const [exPos, openOrders] = await Promise.all([
        adapter.getPosition(symbol),
        adapter.fetchOpenOrders(symbol),
      ]);
      foreignOpenOrders += openOrders.filter((o) => parseClientOrderId(o.clientOrderId) === null).length;
      const cmp = await comparePositions(account, symbol, exPos);
      if (cmp.note) notes.push(cmp.note);
      open ||= cmp.open || openOrders.length > 0 || (await unsettledOrders(account.id, symbol)).length > 0;
      leverage = exPos?.leverage ?? leverage;
      marginMode = exPos?.marginMode ?? marginMode;
    }
    const balance = await adapter.getBalance();
    const divergence = notes.length ? notes.join(" ") : null;
    const values = {
      syncedAt: new Date(),
      equity: balance.equity,
      available: balance.available,
      leverage,
      marginMode,
      foreignOpenOrders,
      tradesCursor: cursor ? new Date(cursor) : null,
      divergence,
      divergedAt: divergence ? (sync?.divergence ? sync.divergedAt : new Date()) : null,
      lastError: null,
      lastErrorAt: null,
    };
    await db
      .insert(accountSync)
      .values({ exchangeAccountId: accountId, ...values })
      .onDuplicateKeyUpdate({ set: values });
    // The ledger may have new losses: the daily loss limit applies to live accounts as to paper ones.
    const settings = await db
      .select({
        id: tradingSettings.id,
        userId: tradingSettings.userId,
        dailyLossLimit: tradingSettings.dailyLossLimit,
      })
      .from(tradingSettings)
      .where(or(eq(tradingSettings.exchangeAccountId, accountId)));
    for (const s of settings) await enforceDailyLossLimit(s);
    if (newFills || ordersChanged)
      await redis().publish(userChannel(acct.userId), JSON.stringify({ type: "sync", accountId }));
    return { accountId, newFills, ordersChanged, divergence, open };
  } catch (err) {
    if (err instanceof ExchangeError) {
      const now = new Date();
      const values = { lastError: err.message.slice(0, 255), lastErrorAt: now };
      await db
        .insert(accountSync)
        .values({ exchangeAccountId: accountId, ...values })
        .onDuplicateKeyUpdate({ set: values });
      if (err.kind === "auth") {
        await db
          .update(exchangeAccounts)
          .set({ status: "invalid", statusReason: err.message.slice(0, 255) })
          .where(eq(exchangeAccounts.id, accountId));
        await notify({ type: "key_rejected", userId: acct.userId, accountId, day: utcDay() });
      }
    }
    throw err;
  } finally {
    await redis().del(lock);
  }
}
