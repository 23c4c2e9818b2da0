import "server-only";
// The execute job of a manual action. Close / flatten: one reduce-only market order for the whole Tickpilot
// position, with a client id made from the action (a retry finds it instead of placing another), logged as a
// close in the trade log. Cancel: Tickpilot's open orders on the symbol are cancelled; the owner's own orders
// and positions are never touched.
import { and, eq } from "drizzle-orm";
import { db } from "@/db";
import { exchangeAccounts, manualActions, orders, type ManualAction } from "@/db/schema";
import { ExchangeError, type ExchangeOrder } from "@/lib/exchange/types";
import { manualClientOrderId, parseClientOrderId } from "./client-order-id";
import { RetryableExecutionError, type ExecuteDeps } from "./execute";
import { afterLiveOrder, foreignPositionReason } from "./market-guards";
import { publishOrderById } from "./record";

const rowStatus = (o: ExchangeOrder) => (o.status === "open" ? "placed" : o.status);

async function finish(
  action: ManualAction,
  status: "done" | "failed",
  result: string,
): Promise<ManualAction> {
  await db
    .update(manualActions)
    .set({ status, result: result.slice(0, 500) })
    .where(eq(manualActions.id, action.id));
  return { ...action, status, result };
}

// The trade-log row of the close (unique by client order id: claimed once, filled in once).
async function recordClose(action: ManualAction, accountId: number, clientOrderId: string, o: ExchangeOrder) {
  await db.insert(orders).ignore().values({
    userId: action.userId,
    exchangeAccountId: accountId,
    symbol: action.symbol,
    clientOrderId,
    kind: "close",
  });
  await db
    .update(orders)
    .set({
      status: rowStatus(o),
      side: o.side,
      qty: o.qty,
      filledQty: o.filledQty,
      price: o.price,
      fee: o.fee,
      exchangeOrderId: o.id.slice(0, 64),
      reason:
        action.kind === "flatten"
          ? "You stopped auto-trading and flattened"
          : "Closed by you from the dashboard",
    })
    .where(and(eq(orders.clientOrderId, clientOrderId), eq(orders.status, "pending")));
  const [row] = await db
    .select({ id: orders.id })
    .from(orders)
    .where(eq(orders.clientOrderId, clientOrderId));
  if (row) await publishOrderById(row.id);
}

/** Run one manual action (idempotent); returns it as finished. */
export async function runManualAction(
  actionId: number,
  deps: Pick<ExecuteDeps, "adapterFor">,
): Promise<ManualAction | null> {
  const action = await db.query.manualActions.findFirst({ where: eq(manualActions.id, actionId) });
  if (!action || action.status !== "queued" || !action.exchangeAccountId) return action ?? null;
  const [account] = await db
    .select()
    .from(exchangeAccounts)
    .where(
      and(eq(exchangeAccounts.id, action.exchangeAccountId), eq(exchangeAccounts.userId, action.userId)),
    );
  if (!account) return finish(action, "failed", "The exchange account is gone.");
  const live = account.exchange !== "paper";
  const { symbol } = action;
  try {
    const adapter = deps.adapterFor(account);
    if (action.kind === "cancel") {
      const open = await adapter.fetchOpenOrders(symbol);
      const ours = open.filter((o) => parseClientOrderId(o.clientOrderId) !== null);
      for (const o of ours)
        await adapter.cancelOrder(symbol, o.id).catch((err: unknown) => {
          if (!(err instanceof ExchangeError && err.kind === "not_found")) throw err;
        });
      const left = open.length - ours.length;
      if (live) await afterLiveOrder(account.id);
      return finish(
        action,
        "done",
        `${ours.length ? `Cancelled ${ours.length} open order${ours.length > 1 ? "s" : ""}` : `No open orders of Tickpilot on ${symbol}`}${left ? ` (${left} of your own left alone)` : ""}.`,
      );
    }
    const clientOrderId = manualClientOrderId(action.id, action.userId);
    const existing = await adapter.findOrderByClientId(symbol, clientOrderId);
    if (existing) {
      await recordClose(action, account.id, clientOrderId, existing);
      return finish(action, "done", `Closed ${existing.qty} ${symbol}.`);
    }
    const foreign = live ? await foreignPositionReason(account.id, symbol) : null;
    if (foreign) return finish(action, "done", foreign);
    const position = await adapter.getPosition(symbol);
    if (!position) return finish(action, "done", `No open position on ${symbol}: nothing to close.`);
    const o = await adapter.placeMarketOrder({
      symbol,
      side: position.side === "long" ? "sell" : "buy",
      qty: position.qty,
      clientOrderId,
      reduceOnly: true,
    });
    await recordClose(action, account.id, clientOrderId, o);
    if (live) await afterLiveOrder(account.id);
    return finish(
      action,
      "done",
      `Closed ${o.qty} ${symbol}${o.price ? ` at ${o.price.toLocaleString("en-US")}` : ""}.`,
    );
  } catch (err) {
    if (err instanceof ExchangeError) {
      if (err.transient) throw new RetryableExecutionError(err.message);
      return finish(action, "failed", err.message);
    }
    throw err;
  }
}
