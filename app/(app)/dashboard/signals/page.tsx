// GET /dashboard/signals — signal webhooks: the user's sources, follow modes, how to send alerts, recent signals.
import type { Metadata } from "next";

import { PageHeader } from "@/components/page-header";
import { SignalsClient } from "@/components/signals/signals-client";
import { requireUser } from "@/lib/auth/session";
import { planFor } from "@/lib/billing/limits";
import { followModes } from "@/lib/signals/follow-mode";
import { recentSignals } from "@/lib/signals/history";
import { listSources, sourceView } from "@/lib/signals/sources";

export const metadata: Metadata = { title: "Signals" };

export default async function SignalsPage() {
  const user = await requireUser("/dashboard/signals");
  const [sources, modes, signals, access] = await Promise.all([
    listSources(user.id),
    followModes(user.id),
    recentSignals(user.id),
    planFor(user),
  ]);
  return (
    <>
      <PageHeader
        title="Signals"
        description="Bring your own signals: alerts from TradingView or your scripts become orders for you alone, through the same risk checks as the shared decisions."
      />
      <SignalsClient
        initial={{ sources: sources.map(sourceView), modes, signals }}
        allowed={access.plan.signals}
      />
    </>
  );
}
