// GET /dashboard/exchange-keys — the user's exchange accounts (placeholder).
import type { Metadata } from "next";
import { KeyRoundIcon, LockKeyholeIcon } from "lucide-react";

import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";

export const metadata: Metadata = { title: "Exchange keys" };

export default function ExchangeKeysPage() {
  return (
    <>
      <PageHeader
        title="Exchange keys"
        description="The exchange accounts Tickpilot trades on for you. Secrets are encrypted with AES-256-GCM and never shown again."
      />
      <EmptyState
        icon={KeyRoundIcon}
        title="No exchange accounts yet"
        description="Start with the paper exchange, or add a trade-only API key for your own account. Keys that allow withdrawals are refused."
      />
      <p className="text-muted-foreground mt-4 flex items-center gap-2 text-xs">
        <LockKeyholeIcon className="size-3.5" aria-hidden="true" />
        Only a masked hint of each key is ever displayed.
      </p>
    </>
  );
}
