import "server-only";
// Market orders on the paper exchange, idempotent by client order id. Orders of concurrent jobs are booked
// together (lib/batch): one transaction locks all their accounts, reads their state in three queries, plans each
// order (plan-order.ts) and writes the results with multi-row statements. A batch holds one order per account,
// so each order is planned against its account's state exactly as if it were alone.
import { and, eq } from "drizzle-orm";
import { db } from "@/db";
import { exchangeAccounts, paperLedger, paperOrders, positions, type PaperOrder } from "@/db/schema";
import { AppError } from "@/lib/api/errors";
import { createBatcher, groupBy } from "@/lib/batch/batcher";
import { inList, inPairs, insertRows, updateRowsById } from "@/lib/batch/bulk-sql";
import { latestCandles } from "@/lib/market/series";
import type { Candle } from "@/lib/market/types";
import { ExchangeError, type ExchangeOrder, type PlaceOrderInput } from "../types";
import { paperRules, withDeadlockRetry, type Tx } from "./book";
import { writePaperFills } from "./fills";
import { openKeyFor, planPaperOrder, POSITION_UPDATE_FIELDS, type OrderPlan } from "./plan-order";

/** A stored (or just written) paper order in the adapter's shape. */
export function toExchangeOrder(
  o: Pick<
    PaperOrder,
    "id" | "clientOrderId" | "symbol" | "side" | "qty" | "price" | "status" | "fee" | "reduceOnly"
  >,
): ExchangeOrder {
  return {
    id: String(o.id),
    clientOrderId: o.clientOrderId,
    symbol: o.symbol,
    side: o.side,
    qty: o.qty,
    price: o.price,
    status: o.status,
    // Paper market orders fill whole or not at all.
    filledQty: o.status === "filled" ? o.qty : 0,
    fee: o.fee,
    reduceOnly: o.reduceOnly,
  };
}

const orderKey = (accountId: number, clientOrderId: string) => `${accountId}:${clientOrderId}`;

type OrderRef = { accountId: number; clientOrderId: string };

const byRefs = (refs: OrderRef[]) =>
  inPairs(
    paperOrders.exchangeAccountId,
    paperOrders.clientOrderId,
    refs.map((r) => [r.accountId, r.clientOrderId] as const),
  );

/** Paper orders by (account, client order id). */
async function readOrders(tx: Tx | typeof db, refs: OrderRef[]) {
  if (refs.length === 0) return new Map<string, PaperOrder>();
  const rows = await tx.select().from(paperOrders).where(byRefs(refs));
  return new Map(rows.map((r) => [orderKey(r.exchangeAccountId, r.clientOrderId), r]));
}

/** Ids of paper orders by (account, client order id). */
async function readOrderIds(tx: Tx, refs: OrderRef[]) {
  const rows = await tx
    .select({
      id: paperOrders.id,
      accountId: paperOrders.exchangeAccountId,
      clientOrderId: paperOrders.clientOrderId,
    })
    .from(paperOrders)
    .where(byRefs(refs));
  return new Map(rows.map((r) => [orderKey(r.accountId, r.clientOrderId), r.id]));
}

const findBatch = createBatcher<OrderRef, PaperOrder | null>({
  async run(refs) {
    const found = await readOrders(db, refs);
    return refs.map((r) => found.get(orderKey(r.accountId, r.clientOrderId)) ?? null);
  },
});

/** Look an order up by our client order id. */
export async function findPaperOrderByClientId(accountId: number, clientOrderId: string) {
  const row = await findBatch({ accountId, clientOrderId });
  return row ? toExchangeOrder(row) : null;
}

interface OrderRequest {
  accountId: number;
  input: PlaceOrderInput;
  leverage: number;
}

type Booked = { order: ExchangeOrder } | { error: Error };

/** Book a batch of orders (one per account) in one transaction. */
async function bookOrders(tx: Tx, reqs: OrderRequest[], candles: Map<string, Candle | null>) {
  const accountIds = reqs.map((r) => r.accountId);
  // Lock every account of the batch (in id order, like every other writer) before reading its state.
  const accounts = await tx
    .select({
      id: exchangeAccounts.id,
      userId: exchangeAccounts.userId,
      paperBalance: exchangeAccounts.paperBalance,
    })
    .from(exchangeAccounts)
    .where(and(inList(exchangeAccounts.id, accountIds), eq(exchangeAccounts.exchange, "paper")))
    .orderBy(exchangeAccounts.id)
    .for("update");
  // Positions are read without a lock: the account locks already serialise every change to them, and a locking
  // read would take gap locks on the unique open-key index that deadlock with other accounts' inserts.
  const [existing, open] = await Promise.all([
    readOrders(
      tx,
      reqs.map((r) => ({ accountId: r.accountId, clientOrderId: r.input.clientOrderId })),
    ),
    tx
      .select()
      .from(positions)
      .where(and(inList(positions.exchangeAccountId, accountIds), eq(positions.status, "open"))),
  ]);
  const rules = paperRules();
  const byId = new Map(accounts.map((a) => [a.id, a]));
  const openByAccount = groupBy(open, (p) => p.exchangeAccountId);
  const results: Array<Booked | null> = [];
  const plans: Array<{ req: OrderRequest; plan: OrderPlan; index: number }> = [];
  reqs.forEach((req, index) => {
    const account = byId.get(req.accountId);
    const found = existing.get(orderKey(req.accountId, req.input.clientOrderId));
    const candle = candles.get(req.input.symbol) ?? null;
    if (!account) results.push({ error: new AppError("not_found", "Paper account not found") });
    else if (found) results.push({ order: toExchangeOrder(found) });
    // No price yet (a fresh or rebuilt series): nothing is booked and the caller retries, as for an exchange
    // that is briefly unavailable.
    else if (!candle)
      results.push({
        error: new ExchangeError(
          "unavailable",
          `No price for ${req.input.symbol} yet: the market feed has not written a candle`,
        ),
      });
    else {
      results.push(null);
      const state = {
        account,
        openPositions: openByAccount.get(account.id) ?? [],
        candle,
        rules,
      };
      plans.push({ req, index, plan: planPaperOrder(state, req.input, req.leverage) });
    }
  });
  if (plans.length === 0) return results as Booked[];

  await insertRows(
    tx,
    paperOrders,
    plans.map(({ req, plan }) => ({
      ...plan.row,
      exchangeAccountId: req.accountId,
      clientOrderId: req.input.clientOrderId,
    })),
  );
  const inserted = await readOrderIds(
    tx,
    plans.map(({ req }) => ({ accountId: req.accountId, clientOrderId: req.input.clientOrderId })),
  );
  const fills = plans.flatMap(({ req, plan, index }) =>
    plan.kind === "filled" ? [{ req, plan, index }] : [],
  );
  // Closing and resizing positions comes before opening new ones (a flip re-uses the open key it frees).
  await updateRowsById(
    tx,
    positions,
    fills.flatMap((f) => (f.plan.update ? [f.plan.update] : [])),
    [...POSITION_UPDATE_FIELDS],
  );
  const inserts = fills.flatMap((f) => (f.plan.insert ? [f.plan.insert] : []));
  const newPositionIds = new Map<string, number>();
  if (inserts.length > 0) {
    await insertRows(tx, positions, inserts);
    const rows = await tx
      .select({ id: positions.id, openKey: positions.openKey })
      .from(positions)
      .where(
        inList(
          positions.openKey,
          inserts.map((p) => p.openKey!),
        ),
      );
    for (const r of rows) newPositionIds.set(r.openKey!, r.id);
  }
  await updateRowsById(
    tx,
    exchangeAccounts,
    fills.flatMap((f) =>
      f.plan.moves.length > 0 ? [{ id: f.req.accountId, paperBalance: f.plan.balance }] : [],
    ),
    ["paperBalance"],
  );
  const ledger = fills.flatMap(({ req, plan }) => {
    const paperOrderId = inserted.get(orderKey(req.accountId, req.input.clientOrderId))!;
    const openKey = openKeyFor(req.accountId, req.input.symbol);
    return plan.moves.map((m) => ({
      exchangeAccountId: req.accountId,
      type: m.type,
      amount: m.amount,
      balanceAfter: m.balanceAfter,
      paperOrderId,
      positionId: m.position === "new" ? newPositionIds.get(openKey)! : m.position,
    }));
  });
  await insertRows(tx, paperLedger, ledger);
  // The one trading ledger: a fill per filled order, with what it realised (as a live exchange reports it).
  await writePaperFills(
    tx,
    fills.map(({ req, plan }) => {
      const pos = (openByAccount.get(req.accountId) ?? []).find((p) => p.symbol === req.input.symbol);
      const reduces = pos !== undefined && pos.side !== (req.input.side === "buy" ? "long" : "short");
      return {
        paperOrderId: inserted.get(orderKey(req.accountId, req.input.clientOrderId))!,
        userId: byId.get(req.accountId)!.userId,
        accountId: req.accountId,
        symbol: req.input.symbol,
        clientOrderId: req.input.clientOrderId,
        side: req.input.side,
        qty: plan.row.qty,
        price: plan.row.price!,
        fee: plan.row.fee,
        realizedPnl: plan.row.realizedPnl,
        reduces,
        exitKind: reduces ? "tickpilot" : null,
      };
    }),
  );

  for (const { req, plan, index } of plans) {
    const id = inserted.get(orderKey(req.accountId, req.input.clientOrderId))!;
    // Rejections are committed (so a retry sees the same answer) and then reported. A fill is answered from
    // the values just written (all already rounded to the columns' 8 decimals) instead of reading them back.
    results[index] =
      plan.kind === "rejected"
        ? { error: new ExchangeError(plan.error, plan.row.reason!) }
        : { order: toExchangeOrder({ ...plan.row, id, clientOrderId: req.input.clientOrderId }) };
  }
  return results as Booked[];
}

const placeBatch = createBatcher<OrderRequest, ExchangeOrder>({
  conflictKey: (r) => String(r.accountId),
  maxBatch: 300,
  isolateFailures: true,
  async run(reqs) {
    const candles = await latestCandles(reqs.map((r) => r.input.symbol));
    const booked = await withDeadlockRetry(() => db.transaction((tx) => bookOrders(tx, reqs, candles)));
    return booked.map((b) => ("error" in b ? b.error : b.order));
  },
});

/** Place a market order; `leverage` applies to a newly opened position. */
export function placePaperOrder(
  accountId: number,
  input: PlaceOrderInput,
  leverage: number,
): Promise<ExchangeOrder> {
  return placeBatch({ accountId, input, leverage });
}
