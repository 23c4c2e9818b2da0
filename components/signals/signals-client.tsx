"use client";
// The signals page: sources (create, rotate, revoke, rename), what each symbol follows, how to send alerts, and
// the recent signals with their outcome — refreshed every few seconds so an order's status follows its signal.
import { useState } from "react";
import useSWR from "swr";
import { LockIcon, WebhookIcon } from "lucide-react";
import Link from "next/link";

import { EmptyState } from "@/components/empty-state";
import { Button } from "@/components/ui/button";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { swrFetcher } from "@/lib/api/client";
import { FollowModes } from "./follow-modes";
import { NewSourceButton, NewSourceDialog } from "./new-source-dialog";
import { SignalsTable } from "./signals-table";
import { SourceRow } from "./source-row";
import { TemplateCard } from "./template-card";
import type { SignalsData } from "./types";

/** `allowed`: the user's plan includes signal webhooks (always with billing off). */
export function SignalsClient({ initial, allowed }: { initial: SignalsData; allowed: boolean }) {
  const { data, error, mutate } = useSWR<SignalsData>("/api/signal-sources", swrFetcher, {
    fallbackData: initial,
    refreshInterval: 5_000,
  });
  const refresh = () => void mutate();
  // One create dialog for the page, outside the list: refreshing the list must not unmount it with the URL in it.
  const [creating, setCreating] = useState(false);
  const newButton = <NewSourceButton onClick={() => setCreating(true)} />;
  const { sources, modes, signals } = data ?? initial;

  return (
    <div className="grid gap-6 lg:grid-cols-5">
      <div className="min-w-0 space-y-6 lg:col-span-3">
        {error && (
          <p role="alert" className="text-destructive text-sm">
            Could not refresh the signals. Showing the last known state; it retries automatically.
          </p>
        )}
        {!allowed ? (
          <EmptyState
            icon={LockIcon}
            title="Signal webhooks are part of Pro and Elite"
            description="Upgrade to send your own TradingView alerts or script signals to Tickpilot."
            action={
              <Button asChild>
                <Link href="/billing">See plans</Link>
              </Button>
            }
          />
        ) : sources.length === 0 ? (
          <EmptyState
            icon={WebhookIcon}
            title="No signal sources yet"
            description="Create a source to get a secret webhook URL for TradingView or your own script."
            action={newButton}
          />
        ) : (
          <Card className="gap-0 pb-0">
            <CardHeader className="border-b pb-4">
              <CardTitle>Signal sources</CardTitle>
              <CardDescription>
                Each URL is shown once; only its last characters are kept visible.
              </CardDescription>
              {allowed && <CardAction>{newButton}</CardAction>}
            </CardHeader>
            <ul className="divide-y" aria-label="Signal sources">
              {sources.map((s) => (
                <SourceRow key={s.id} source={s} onChange={refresh} />
              ))}
            </ul>
          </Card>
        )}
        <Card>
          <CardHeader>
            <CardTitle>Recent signals</CardTitle>
            <CardDescription>
              The last 50 alerts your sources received, and what became of them.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <SignalsTable signals={signals} />
          </CardContent>
        </Card>
      </div>
      <div className="min-w-0 space-y-6 lg:col-span-2">
        <FollowModes modes={modes} onChange={refresh} />
        <TemplateCard />
      </div>
      <NewSourceDialog open={creating} setOpen={setCreating} onChange={refresh} />
    </div>
  );
}
