// Subscription statuses and what they mean for a plan. Pure: no database, safe anywhere on the server.
import type { Plan, PlanId } from "@/lib/billing/plans";

/** Statuses under which the subscribed plan stays on the account (past due keeps it, but pauses live trading). */
export const PLAN_KEEPING_STATUSES = ["active", "trialing", "past_due"] as const;

/** Statuses that pause live trading when a subscription moves into them. */
export const LIVE_PAUSING_STATUSES = [
  "past_due",
  "canceled",
  "unpaid",
  "incomplete_expired",
  "paused",
] as const;

/**
 * Every billing pause reason ends with this sentence, so a later reactivation can tell its own notices apart. It is
 * true on a live account: stop-loss and take-profit stay on the exchange and `close` decisions still execute.
 */
export const POSITIONS_PROTECTED = "Open positions stay protected.";

/** How billing notices written before this wording ended (they said something untrue; still recognised). */
export const LEGACY_NOTICE_END = "Paper trading continues.";

/** True when a trading-settings notice was written by a billing pause (not a loss limit or an operator). */
export function isBillingNotice(reason: string | null | undefined): boolean {
  return Boolean(reason && (reason.endsWith(POSITIONS_PROTECTED) || reason.endsWith(LEGACY_NOTICE_END)));
}

const RANK: Record<PlanId, number> = { free: 0, pro: 1, elite: 2 };

/** The plan a set of subscriptions grants: the highest among those whose status keeps the plan, else Free. */
export function grantedPlan(subs: { plan: PlanId; status: string }[]): PlanId {
  let best: PlanId = "free";
  for (const s of subs) {
    if ((PLAN_KEEPING_STATUSES as readonly string[]).includes(s.status) && RANK[s.plan] > RANK[best])
      best = s.plan;
  }
  return best;
}

/** The subscription that describes the account: the best plan-keeping one, else the most recent (rows newest first). */
export function pickCurrentSubscription<T extends { plan: PlanId; status: string }>(subs: T[]): T | null {
  const keeping = subs.filter((s) => (PLAN_KEEPING_STATUSES as readonly string[]).includes(s.status));
  if (keeping.length > 0) return keeping.reduce((a, b) => (RANK[b.plan] > RANK[a.plan] ? b : a));
  return subs[0] ?? null;
}

/** The user-facing sentence explaining why no new live trade is opened (what happens to positions included). */
export function livePauseReason(subscribed: Plan, current: Plan, status: string | null): string {
  switch (status) {
    case "past_due":
      return `Your ${subscribed.name} subscription is past due: no new live trades are opened until the payment goes through. ${POSITIONS_PROTECTED}`;
    case "unpaid":
      return `Your ${subscribed.name} subscription is unpaid: no new live trades are opened until the payment goes through. ${POSITIONS_PROTECTED}`;
    case "canceled":
    case "incomplete_expired":
      return `Your ${subscribed.name} subscription has ended, so you are on the ${current.name} plan: no new live trades are opened. ${POSITIONS_PROTECTED}`;
    case "paused":
      return `Your ${subscribed.name} subscription is paused: no new live trades are opened until it resumes. ${POSITIONS_PROTECTED}`;
    default:
      return `Live trading is not included in the ${current.name} plan: upgrade to Pro or Elite to open live trades. ${POSITIONS_PROTECTED}`;
  }
}
