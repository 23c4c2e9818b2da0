// The small plan summary at the foot of the sidebar.
import Link from "next/link";
import { ServerIcon, SparklesIcon } from "lucide-react";

import { getPlan } from "@/lib/billing/plans";
import type { ShellUser } from "@/lib/auth/form-state";

/** Shows the user's plan; on Free it nudges towards live trading; self-hosted installs show "all features". */
export function PlanCard({
  plan,
  billingEnabled = true,
  onNavigate,
}: {
  plan: ShellUser["plan"];
  billingEnabled?: boolean;
  onNavigate?: () => void;
}) {
  if (!billingEnabled) {
    return (
      <div className="bg-background/60 rounded-lg border p-3 text-xs">
        <div className="text-sidebar-foreground flex items-center gap-2 font-medium">
          <ServerIcon className="text-sidebar-primary size-3.5" aria-hidden="true" />
          Elite · every feature unlocked
        </div>
        <p className="text-muted-foreground mt-1 leading-snug">
          This installation includes live trading and every limit, at no cost.
        </p>
      </div>
    );
  }
  const current = getPlan(plan);
  return (
    <div className="bg-background/60 rounded-lg border p-3 text-xs">
      <div className="text-sidebar-foreground flex items-center gap-2 font-medium">
        <SparklesIcon className="text-sidebar-primary size-3.5" aria-hidden="true" />
        {current.name} plan
      </div>
      <p className="text-muted-foreground mt-1 leading-snug">
        {current.liveTrading
          ? `Live trading on up to ${current.maxLiveAccounts} account${current.maxLiveAccounts === 1 ? "" : "s"}, ${current.maxLeverage}x max.`
          : "Paper trading only. Upgrade to trade live on your exchange."}
      </p>
      <Link
        href="/billing"
        onClick={onNavigate}
        className="text-sidebar-primary mt-2 inline-block font-medium underline-offset-4 hover:underline"
      >
        {current.liveTrading ? "Manage plan" : "See plans"}
      </Link>
    </div>
  );
}
