// The plans Tickpilot sells, defined once. Pure data: safe to import from client components.

export const PLAN_IDS = ["free", "pro", "elite"] as const;
export type PlanId = (typeof PLAN_IDS)[number];

export interface Plan {
  id: PlanId;
  name: string;
  tagline: string;
  /** Display price in USD per month; the charged price comes from Stripe (STRIPE_PRICE_*). */
  monthlyUsd: number;
  liveTrading: boolean;
  /** How many live (non-paper) exchange accounts the plan may connect. */
  maxLiveAccounts: number;
  customPrompt: boolean;
  maxLeverage: number;
  priority: boolean;
  /** Signal webhooks: the user's own alerts (TradingView, scripts) become decisions for them alone. */
  signals: boolean;
  features: string[];
}

export const PLANS: Record<PlanId, Plan> = {
  free: {
    id: "free",
    name: "Free",
    tagline: "Learn the ropes on the paper exchange",
    monthlyUsd: 0,
    liveTrading: false,
    maxLiveAccounts: 0,
    customPrompt: false,
    maxLeverage: 3,
    priority: false,
    signals: false,
    features: [
      "Paper trading with 10,000 USDT",
      "AI decisions every 5 minutes",
      "Default strategy prompt",
      "Leverage up to 3x",
    ],
  },
  pro: {
    id: "pro",
    name: "Pro",
    tagline: "Trade live on your own exchange account",
    monthlyUsd: 29,
    liveTrading: true,
    maxLiveAccounts: 1,
    customPrompt: true,
    maxLeverage: 10,
    priority: false,
    signals: true,
    features: [
      "Everything in Free",
      "Live trading on one exchange account",
      "Custom strategy prompt",
      "Signal webhooks (TradingView alerts)",
      "Leverage up to 10x",
    ],
  },
  elite: {
    id: "elite",
    name: "Elite",
    tagline: "Several accounts, higher limits, first in line",
    monthlyUsd: 99,
    liveTrading: true,
    maxLiveAccounts: 5,
    customPrompt: true,
    maxLeverage: 20,
    priority: true,
    signals: true,
    features: [
      "Everything in Pro",
      "Up to 5 live exchange accounts",
      "Leverage up to 20x",
      "Priority order execution",
    ],
  },
};

/** The plan record for an id, falling back to Free for anything unknown. */
export function getPlan(id: string | null | undefined): Plan {
  return PLANS[(id ?? "free") as PlanId] ?? PLANS.free;
}
