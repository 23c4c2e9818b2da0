// Whether a plan lets the user connect another live exchange account, and the title and sentence when it does not
// (pure: the exchange-keys page and the connect action say the same thing).
import type { Plan } from "@/lib/billing/plans";

/** Why another live account cannot be added on `plan` with `liveCount` connected, or null when it can. */
export function liveAccountLimit(plan: Plan, liveCount: number): { title: string; message: string } | null {
  if (liveCount < plan.maxLiveAccounts) return null;
  if (plan.maxLiveAccounts === 0) {
    return {
      title: "Paper trading only",
      message: `The ${plan.name} plan trades on the paper exchange. Upgrade to Pro to connect your own exchange account.`,
    };
  }
  const allowed = `${plan.maxLiveAccounts} exchange account${plan.maxLiveAccounts > 1 ? "s" : ""}`;
  const extra = liveCount - plan.maxLiveAccounts + 1;
  return {
    title: "Account limit reached",
    message:
      liveCount > plan.maxLiveAccounts
        ? `The ${plan.name} plan allows ${allowed} and you have ${liveCount}. Delete ${extra} to add another, or upgrade.`
        : `The ${plan.name} plan allows ${allowed}. Delete one to add another${plan.id === "elite" ? "" : ", or upgrade"}.`,
  };
}
