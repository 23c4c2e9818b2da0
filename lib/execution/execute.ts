import "server-only";
// The execute job for one (decision, user): guards → risk clamps → exchange → one orders row.
// Crash safety: the row is claimed before the exchange is called and the exchange order id is derived from
// decision + user, so a retry looks the order up by that id instead of placing a second one.
import { eq } from "drizzle-orm";
import { db } from "@/db";
import { exchangeAccounts, type Order } from "@/db/schema";
import { ExchangeError, type ExchangeAdapter, type ExchangeOrder } from "@/lib/exchange/types";
import { latestCandle } from "@/lib/market/series";
import { loadExecutionContext, type ExecutionAccount } from "@/lib/system/guards";
import { clientOrderIdFor } from "./client-order-id";
import { enforceDailyLossLimit } from "./daily-loss";
import { staleDecisionReason } from "./decision-freshness";
import { loadDecision } from "./load-decision";
import { claimOrderRow, FINAL_STATUSES, finishOrder } from "./record";
import { closeStep, confidenceSkip, entryStep, planEntry } from "./plan-execution";

export interface ExecuteDeps {
  /** The exchange for the user's selected account (loaded scoped by the user in the job's context read). */
  adapterFor(account: ExecutionAccount): ExchangeAdapter;
}

/** Thrown for transient exchange failures: BullMQ retries the job, which then looks the order up first. */
export class RetryableExecutionError extends Error {
  override name = "RetryableExecutionError";
}

const filled = (o: ExchangeOrder) => (o.status === "filled" ? "filled" : "placed");

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

  if (ctx.blocked !== null) return skip(ctx.blocked);
  // A resumed job finishes what an earlier attempt started (it may have reached the exchange); a new one
  // never acts on a stale or superseded decision.
  if (!resumed) {
    const stale = await staleDecisionReason(decision);
    if (stale) return skip(stale);
  }
  const { settings, account } = ctx;
  if (!settings.exchangeAccountId) return skip("No exchange account selected for auto-trading.");
  if (!account || account.status !== "active") return skip("The selected exchange account is not active.");
  const { access } = ctx;
  const plan = access.plan;
  if (account.exchange !== "paper" && !access.liveTradingAllowed) {
    return skip(access.reason ?? `Live trading is not part of the ${plan.name} plan.`);
  }
  const lossNotice = await enforceDailyLossLimit(settings);
  if (lossNotice) return skip(lossNotice);
  const lowConfidence = confidenceSkip(decision.confidence, settings.minConfidence);
  if (lowConfidence) return skip(lowConfidence);

  try {
    const adapter = deps.adapterFor(account);
    if (resumed) {
      // An earlier attempt may have reached the exchange before crashing or timing out.
      const existing = await adapter.findOrderByClientId(symbol, openId);
      if (existing)
        return finishOrder(order, {
          status: filled(existing),
          exchangeAccountId: account.id,
          side: existing.side,
          qty: existing.qty,
          price: existing.price,
          fee: existing.fee,
          exchangeOrderId: existing.id,
          kind: existing.reduceOnly ? "close" : "open",
        });
    }
    if (decision.action === "close") {
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
      const result = await finishOrder(order, {
        status: filled(o),
        kind: "close",
        exchangeAccountId: account.id,
        side,
        qty: o.qty,
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
    const step = entryStep(decision.action, position);
    if (step.kind === "skip") return skip(step.reason);
    const side = step.side;
    let balance = firstBalance;
    let kind: Order["kind"] = "open";
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
    return finishOrder(order, {
      status: filled(o),
      kind,
      exchangeAccountId: account.id,
      side,
      qty: o.qty,
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
      }
      return fail(err.message);
    }
    throw err;
  }
}

/** After the last retry of a transient failure: record it so the user sees why nothing happened. */
export async function markExecutionFailed(decisionId: number, userId: number, reason: string): Promise<void> {
  const { order } = await claimOrderRow({
    userId,
    decisionId,
    symbol: "",
    clientOrderId: clientOrderIdFor(decisionId, userId, "o"),
    status: "pending",
    kind: "none",
  });
  await finishOrder(order, { status: "failed", reason });
}
