import "server-only";
// The end of an execute job that will not be retried: before its row says `failed`, the exchange is asked
// what the job's attempts placed (by client order id). An order found there is recorded as it is; an
// exchange that cannot be asked leaves the row pending, for the sweeper to try again.
import type { Order } from "@/db/schema";
import { loadSelectedAccount } from "@/lib/system/guards";
import { clientOrderIdFor } from "./client-order-id";
import { legsOnExchange, outcomeOfExisting, type ExecuteDeps } from "./execute";
import { loadDecision } from "./load-decision";
import { claimOrderRow, FINAL_STATUSES, finishOrder } from "./record";

/** Record a final failure only once the exchange confirms no order exists; null = left pending. */
export async function settleFailedExecution(
  decisionId: number,
  userId: number,
  reason: string,
  deps: Pick<ExecuteDeps, "adapterFor">,
): Promise<Order | null> {
  const decision = await loadDecision(decisionId);
  if (!decision) return null;
  const { order } = await claimOrderRow({
    userId,
    decisionId,
    symbol: decision.symbol,
    clientOrderId: clientOrderIdFor(decisionId, userId, "o"),
    status: "pending",
    kind: "none",
  });
  if ((FINAL_STATUSES as readonly string[]).includes(order.status)) return order;
  let outcome = reason;
  const account = await loadSelectedAccount(userId, decision.symbol);
  if (account) {
    let legs: Awaited<ReturnType<typeof legsOnExchange>>;
    try {
      legs = await legsOnExchange(
        deps.adapterFor(account),
        decision.symbol,
        decisionId,
        userId,
        decision.action,
      );
    } catch {
      return null;
    }
    if (legs.open)
      return finishOrder(
        order,
        outcomeOfExisting(legs.open, account.id, decision.action, legs.close !== null),
      );
    if (legs.close) outcome += " The opposite position was closed; no new position was opened.";
  }
  return finishOrder(order, { status: "failed", reason: outcome });
}
