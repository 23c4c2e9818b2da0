// GET /dashboard/exchange-keys — the paper account, the user's exchange keys (masked), and the add-key form.
import type { Metadata } from "next";
import { LockKeyholeIcon } from "lucide-react";

import { AccountsList } from "@/components/exchange-keys/accounts-list";
import { AddKeyForm } from "@/components/exchange-keys/add-key-form";
import { EgressIps } from "@/components/exchange-keys/egress-ips";
import { PaperCard } from "@/components/exchange-keys/paper-card";
import { PageHeader } from "@/components/page-header";
import { listAccounts } from "@/lib/accounts/exchange-accounts";
import { ensurePaperAccount } from "@/lib/accounts/paper-account";
import { requireUser } from "@/lib/auth/session";
import { liveAccountLimit } from "@/lib/billing/account-limit";
import { effectivePlan } from "@/lib/billing/effective-plan";
import { env } from "@/lib/env";
import { paperSummary } from "@/lib/exchange/paper/adapter";

export const metadata: Metadata = { title: "Exchange keys" };

export default async function ExchangeKeysPage() {
  const user = await requireUser("/dashboard/exchange-keys");
  await ensurePaperAccount(user.id);
  const accounts = await listAccounts(user.id);
  const paper = accounts.find((a) => a.exchange === "paper")!;
  const live = accounts.filter((a) => a.exchange !== "paper");
  const summary = await paperSummary(paper.id);
  const limit = liveAccountLimit(effectivePlan(user.plan), live.length);

  return (
    <>
      <PageHeader
        title="Exchange keys"
        description="The accounts Tickpilot trades on for you. Secrets are encrypted with AES-256-GCM and never shown again."
      />
      <div className="grid gap-6 lg:grid-cols-5">
        <div className="space-y-6 lg:col-span-3">
          <PaperCard
            paper={{
              accountId: paper.id,
              balance: summary.balance,
              initial: summary.initial,
              equity: summary.equity,
              margin: summary.margin,
              unrealized: summary.unrealized,
              openPositions: summary.openPositions.length,
              usedForTrading: paper.usedForTrading,
            }}
          />
          <AccountsList accounts={live} />
        </div>
        <div className="space-y-6 lg:col-span-2">
          <AddKeyForm
            canAdd={limit === null}
            blockedTitle={limit?.title}
            blockedReason={limit?.message}
            prerequisites={{
              emailVerified: user.emailVerifiedAt !== null,
              twoFactor: user.totpEnabledAt !== null,
            }}
          />
          <EgressIps ips={env.WORKER_EGRESS_IPS} />
          <p className="text-muted-foreground flex items-start gap-2 text-xs">
            <LockKeyholeIcon className="mt-0.5 size-3.5 shrink-0" aria-hidden="true" />
            Use a key with trading permission only. Keys that can withdraw are refused, and keys are decrypted
            only at the moment an order is placed.
          </p>
        </div>
      </div>
    </>
  );
}
