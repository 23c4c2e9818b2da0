import "server-only";
// The execute job for one (decision, user): guards → risk clamps → exchange → one orders row.
// Crash safety: the row is claimed before the exchange is called and the exchange order id is derived from
// decision + user, so a retry looks the order up by that id instead of placing a second one.
import { eq } from "drizzle-orm";
import { db } from "@/db";
import { exchangeAccounts, type Order } from "@/db/schema";
import { ExchangeError, type ExchangeAdapter, type ExchangeOrder } from "@/lib/exchange/types";
import { latestCandle } from "@/lib/market/series";
import { loadExecutionContext, loadSelectedAccount, type ExecutionAccount } from "@/lib/system/guards";
import { clientOrderIdFor } from "./client-order-id";
import { utcDay } from "@/lib/notify/events";
import { notify } from "@/lib/notify/notify";
import { enforceDailyLossLimit } from "./daily-loss";
import {
  afterLiveOrder,
  ensureReconciledOnce,
  foreignPositionReason,
  marketSkipReason,
} from "./market-guards";
import { staleDecisionReason } from "./decision-freshness";
import { loadDecision } from "./load-decision";
import { claimOrderRow, FINAL_STATUSES, finishOrder } from "./record";
import { closeStep, confidenceSkip, entryStep, planEntry } from "./plan-execution";

export interface ExecuteDeps {
  /** The exchange for the user's selected account (loaded scoped by the user in the job's context read). */
  adapterFor(account: ExecutionAccount): ExchangeAdapter;
  /** True once the worker is shutting down: the job stops between legs and is handed back to the queue. */
  shouldStop?(): boolean;
}

/** Thrown for transient exchange failures: BullMQ retries the job, which then looks the order up first. */
export class RetryableExecutionError extends Error {
  override name = "RetryableExecutionError";
}

/** Thrown between legs when the worker is shutting down: the job goes back to the queue and resumes there. */
export class InterruptedExecutionError extends Error {
  override name = "InterruptedExecutionError";
}

/** The row status of an exchange order (open → placed; the exchange's other states as they are). */
const filled = (o: ExchangeOrder): Order["status"] => (o.status === "open" ? "placed" : o.status);

/** What an earlier attempt of this job already did on the exchange (found by client order id). */
export async function legsOnExchange(
  adapter: ExchangeAdapter,
  symbol: string,
  decisionId: number,
  userId: number,
  action: string,
): Promise<{ open: ExchangeOrder | null; close: ExchangeOrder | null }> {
  const [open, close] = await Promise.all([
    adapter.findOrderByClientId(symbol, clientOrderIdFor(decisionId, userId, "o")),
    action === "buy" || action === "sell"
      ? adapter.findOrderByClientId(symbol, clientOrderIdFor(decisionId, userId, "c"))
      : null,
  ]);
  return { open, close };
}

/** The orders-row outcome of an order the exchange already has for this job (kind from the legs found). */
export function outcomeOfExisting(
  existing: ExchangeOrder,
  accountId: number,
  action: string,
  closeLegDone: boolean,
) {
  return {
    status: filled(existing),
    exchangeAccountId: accountId,
    side: existing.side,
    qty: existing.qty,
    filledQty: existing.filledQty,
    price: existing.price,
    fee: existing.fee,
    exchangeOrderId: existing.id,
    kind: (action === "close" ? "close" : closeLegDone ? "flip" : "open") as Order["kind"],
  };
}

/** How long past its expiry a half-done flip may still be completed (one more tick interval). */
const HALF_FLIP_GRACE = 1;

/** Execute one decision for one user; returns the final orders row (idempotent). */
export async function executeForUser(decisionId: number, userId: number, deps: ExecuteDeps): Promise<Order> {
  const decision = await loadDecision(decisionId);
  if (!decision) throw new Error(`decision ${decisionId} not found`);
  const symbol = decision.symbol;
  const openId = clientOrderIdFor(decisionId, userId, "o");
  // The claim and the fresh guard read are independent: run them together (the exchange is only called after both).
  const [{ order, resumed }, ctx] = await Promise.all([
    claimOrderRow({ userId, decisionId, symbol, clientOrderId: openId, status: "pending", kind: "none" }),
    loadExecutionContext(userId, symbol),
  ]);
  if ((FINAL_STATUSES as readonly string[]).includes(order.status)) return order;
  const skip = (reason: string) => finishOrder(order, { status: "skipped", reason });
  const fail = (reason: string) => finishOrder(order, { status: "failed", reason });

  // A resumed job first asks the exchange what an earlier attempt did (it may have crashed or timed out after
  // the exchange took an order): such a row is never finished as skipped or failed without that answer.
  let halfFlip = false;
  if (resumed) {
    const account = ctx.blocked === null ? ctx.account : await loadSelectedAccount(userId, symbol);
    if (account) {
      try {
        const legs = await legsOnExchange(
          deps.adapterFor(account),
          symbol,
          decisionId,
          userId,
          decision.action,
        );
        if (legs.open)
          return finishOrder(
            order,
            outcomeOfExisting(legs.open, account.id, decision.action, legs.close !== null),
          );
        halfFlip = legs.close !== null;
      } catch (err) {
        if (err instanceof ExchangeError && err.transient) throw new RetryableExecutionError(err.message);
        throw err;
      }
    }
  }
  const flat = halfFlip ? " The opposite position was already closed; no new position was opened." : "";
  if (ctx.blocked !== null) return skip(ctx.blocked + flat);
  // A new job never acts on a stale or superseded decision. A resumed one finishes a half-done flip within its
  // validity plus one interval (so nobody is left flat by a crash); past that it is abandoned, with the reason.
  const stale = await staleDecisionReason(decision);
  if (stale && (!resumed || !halfFlip)) return skip(stale);
  if (stale && decision.expiresAt && decision.tickTime) {
    const interval = decision.expiresAt.getTime() - decision.tickTime.getTime();
    if (Date.now() > decision.expiresAt.getTime() + HALF_FLIP_GRACE * interval)
      return skip(`Abandoned after a crash: ${stale}${flat}`);
  }
  const { settings, account } = ctx;
  if (!settings.exchangeAccountId) return skip("No exchange account selected for auto-trading." + flat);
  if (!account || account.status !== "active")
    return skip("The selected exchange account is not active." + flat);
  const { access } = ctx;
  const plan = access.plan;
  // A billing pause stops new live entries only: `close` still runs, so an open position is never left unmanaged.
  if (account.exchange !== "paper" && !access.liveTradingAllowed && decision.action !== "close") {
    return skip((access.reason ?? `Live trading is not part of the ${plan.name} plan.`) + flat);
  }
  const lossNotice = await enforceDailyLossLimit(settings);
  if (lossNotice) return skip(lossNotice + flat);
  const lowConfidence = confidenceSkip(decision.confidence, settings.minConfidence);
  if (lowConfidence) return skip(lowConfidence);

  const live = account.exchange !== "paper";
  try {
    const adapter = deps.adapterFor(account);
    if (deps.shouldStop?.()) throw new InterruptedExecutionError("worker shutting down before the first leg");
    // A live account is read back from its exchange once per worker process before its first order.
    if (live) await ensureReconciledOnce(account.id);
    const foreign = live ? await foreignPositionReason(account.id, symbol) : null;
    if (decision.action === "close") {
      if (foreign) return skip(foreign);
      const step = closeStep(await adapter.getPosition(symbol));
      if (step.kind === "skip") return skip(step.reason);
      const side = step.side;
      const o = await adapter.placeMarketOrder({
        symbol,
        side,
        qty: step.qty,
        clientOrderId: openId,
        reduceOnly: true,
      });
      if (live) await afterLiveOrder(account.id);
      const result = await finishOrder(order, {
        status: filled(o),
        kind: "close",
        exchangeAccountId: account.id,
        side,
        qty: o.qty,
        filledQty: o.filledQty,
        price: o.price,
        fee: o.fee,
        exchangeOrderId: o.id,
      });
      await enforceDailyLossLimit(settings);
      return result;
    }
    if (decision.action !== "buy" && decision.action !== "sell") return skip("Hold: nothing to do.");
    // Everything sizing needs is read in one round of parallel calls (the exchange's latency counts once).
    const [position, limits, firstBalance, candle] = await Promise.all([
      adapter.getPosition(symbol),
      adapter.getMarketLimits(symbol),
      adapter.getBalance(),
      latestCandle(symbol),
    ]);
    const market = marketSkipReason(decision, candle);
    if (market) return skip(market);
    if (position && foreign) return skip(foreign);
    const step = entryStep(decision.action, position);
    if (step.kind === "skip") return skip(step.reason);
    const side = step.side;
    let balance = firstBalance;
    // A resumed flip whose close leg went through before the crash is still a flip.
    let kind: Order["kind"] = halfFlip ? "flip" : "open";
    if (step.closeFirst) {
      kind = "flip";
      await adapter.placeMarketOrder({
        symbol,
        side: step.closeFirst.side,
        qty: step.closeFirst.qty,
        clientOrderId: clientOrderIdFor(decisionId, userId, "c"),
        reduceOnly: true,
      });
      if (await enforceDailyLossLimit(settings))
        return skip("Daily loss limit reached after closing the opposite position: no new position opened.");
      // Between the legs: a worker shutting down hands the job back; the resumed job finds the close leg done.
      if (deps.shouldStop?.())
        throw new InterruptedExecutionError("worker shutting down between the legs of a flip");
      // The close released margin and booked PnL: size the new position on the balance after it.
      balance = await adapter.getBalance();
    }
    const entry = planEntry({
      side,
      price: candle?.c ?? decision.price ?? 0,
      balance,
      decision,
      settings,
      planMaxLeverage: plan.maxLeverage,
      limits,
    });
    if (!entry.ok) return skip(entry.reason);
    const { leverage, stopLoss, takeProfit } = entry;
    await adapter.setLeverage(symbol, leverage);
    const o = await adapter.placeMarketOrder({
      symbol,
      side,
      qty: entry.qty,
      clientOrderId: openId,
      stopLoss,
      takeProfit,
    });
    if (live) await afterLiveOrder(account.id);
    return finishOrder(order, {
      status: filled(o),
      kind,
      exchangeAccountId: account.id,
      side,
      qty: o.qty,
      filledQty: o.filledQty,
      price: o.price,
      leverage,
      stopLoss,
      takeProfit,
      fee: o.fee,
      exchangeOrderId: o.id,
    });
  } catch (err) {
    if (err instanceof ExchangeError) {
      if (err.transient) throw new RetryableExecutionError(err.message);
      if (err.kind === "auth") {
        await db
          .update(exchangeAccounts)
          .set({ status: "invalid", statusReason: err.message.slice(0, 255) })
          .where(eq(exchangeAccounts.id, account.id));
        await notify({ type: "key_rejected", userId, accountId: account.id, day: utcDay() });
      }
      return fail(err.message);
    }
    throw err;
  }
}
