// GET /track-record — public, no login: the shadow paper accounts that follow every decision of the default
// decision groups since the installation started, served from the cached snapshot (rebuilt each minute).
import type { Metadata } from "next";
import Link from "next/link";
import { ActivityIcon, ArrowRightIcon } from "lucide-react";
import { EmptyState } from "@/components/empty-state";
import { Button } from "@/components/ui/button";
import { readSnapshot } from "@/lib/track-record/snapshot";
import { formatDateTime } from "@/lib/utils";
import { TrackRecordClient } from "./track-record-client";

export const metadata: Metadata = {
  title: "Track record",
  description:
    "Every shared decision of Tickpilot's default strategy, executed on a 10,000 USDT paper account.",
};
export const dynamic = "force-dynamic";

export default async function TrackRecordPage() {
  const snapshot = await readSnapshot();
  const since = snapshot.accounts.map((a) => a.startedAt).sort()[0];
  return (
    <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6 sm:py-14 lg:px-8">
      <div className="max-w-3xl">
        <p className="text-primary text-sm font-semibold">Public track record</p>
        <h1 className="mt-2 text-3xl font-semibold tracking-tight text-balance sm:text-4xl">
          What the default decisions would have made — and lost
        </h1>
        <p className="text-muted-foreground mt-4 text-base leading-relaxed text-pretty">
          For each risk level a shadow paper account of 10,000 USDT executes every shared decision of the
          default strategy with the standard sizing (the level&apos;s risk per trade, no confidence floor),
          with the paper exchange&apos;s fees, slippage, stops and targets
          {since ? <> — since {formatDateTime(since)} UTC</> : null}. Nothing is picked afterwards: every
          trade and every decision is here, losses as plainly as gains. Simulated results are not a promise of
          future returns.
        </p>
      </div>
      {snapshot.accounts.length === 0 ? (
        <EmptyState
          className="mt-10"
          icon={ActivityIcon}
          title="The track record starts with the first decisions"
          description="As soon as the decision loop has run its first ticks, the shadow accounts start trading here."
        />
      ) : (
        <TrackRecordClient snapshot={snapshot} />
      )}
      <div className="bg-muted/30 mt-12 flex flex-col items-start justify-between gap-4 rounded-xl border p-6 sm:flex-row sm:items-center">
        <div>
          <p className="font-medium">Try it on paper first</p>
          <p className="text-muted-foreground text-sm">
            Backtest any period yourself, then trade the same decisions with simulated money.
          </p>
        </div>
        <Button asChild>
          <Link href="/signup?plan=free">
            Start on paper — free <ArrowRightIcon />
          </Link>
        </Button>
      </div>
      <p className="text-muted-foreground mt-6 text-xs">
        Updated {formatDateTime(snapshot.builtAt)} UTC · refreshed every minute.
      </p>
    </div>
  );
}
