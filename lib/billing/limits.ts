import "server-only";
// What a plan allows, read on the server: live trading here (checked when auto-trading is switched on and in every
// execute job); the leverage cap and custom prompts in lib/trading/settings.ts. With billing off: Elite, all on.
import { desc, eq } from "drizzle-orm";
import { db } from "@/db";
import { subscriptions, users } from "@/db/schema";
import { AppError } from "@/lib/api/errors";
import { inList } from "@/lib/batch/bulk-sql";
import { billingEnabled } from "@/lib/billing/config";
import { getPlan, PLANS, type Plan, type PlanId } from "@/lib/billing/plans";
import { livePauseReason, PLAN_KEEPING_STATUSES, pickCurrentSubscription } from "@/lib/billing/status";

export interface PlanAccess {
  plan: Plan;
  subscriptionStatus: string | null;
  liveTradingAllowed: boolean;
  /** A sentence for the user when live trading is not allowed; null when it is. */
  reason: string | null;
}

type SubscriptionRow = { plan: PlanId; status: string; updatedAt: Date };

/** What a stored plan and the user's subscriptions (newest first) allow. Pure. */
export function planAccessFrom(storedPlan: string, subs: SubscriptionRow[]): PlanAccess {
  if (!billingEnabled()) {
    return { plan: PLANS.elite, subscriptionStatus: null, liveTradingAllowed: true, reason: null };
  }
  const plan = getPlan(storedPlan);
  const current = pickCurrentSubscription(subs);
  const status = current?.status ?? null;
  // A paid plan without a subscription row was granted by an admin: it counts as active.
  const statusAllows = status === null || (PLAN_KEEPING_STATUSES as readonly string[]).includes(status);
  const liveTradingAllowed = plan.liveTrading && statusAllows && status !== "past_due";
  return {
    plan,
    subscriptionStatus: status,
    liveTradingAllowed,
    reason: liveTradingAllowed ? null : livePauseReason(getPlan(current?.plan ?? plan.id), plan, status),
  };
}

/** Subscriptions of these users, each user's newest first (one query; none read when billing is off). */
export async function subscriptionsOf(userIds: number[]): Promise<Map<number, SubscriptionRow[]>> {
  const out = new Map<number, SubscriptionRow[]>(userIds.map((id) => [id, []]));
  if (!billingEnabled() || userIds.length === 0) return out;
  const rows = await db
    .select({
      userId: subscriptions.userId,
      plan: subscriptions.plan,
      status: subscriptions.status,
      updatedAt: subscriptions.updatedAt,
    })
    .from(subscriptions)
    .where(inList(subscriptions.userId, userIds))
    .orderBy(desc(subscriptions.updatedAt), desc(subscriptions.id));
  for (const { userId, ...sub } of rows) out.get(userId)?.push(sub);
  return out;
}

/** The plan whose limits apply to `user` right now, read from MySQL (the user's stored plan and subscriptions). */
export async function planFor(user: { id: number; plan: string }): Promise<PlanAccess> {
  if (!billingEnabled()) return planAccessFrom(user.plan, []);
  const [[row], subs] = await Promise.all([
    db.select({ plan: users.plan }).from(users).where(eq(users.id, user.id)).limit(1),
    subscriptionsOf([user.id]),
  ]);
  return planAccessFrom(row?.plan ?? user.plan, subs.get(user.id) ?? []);
}

/** Refuse a live (non-paper) exchange account when the user's plan or subscription does not allow live trading. */
export async function assertCanUseAccount(
  user: { id: number; plan: string },
  account: { exchange: string },
): Promise<void> {
  if (account.exchange === "paper") return;
  const access = await planFor(user);
  if (!access.liveTradingAllowed) {
    throw new AppError(
      "forbidden",
      access.reason ?? `The ${access.plan.name} plan does not include live trading`,
    );
  }
}
