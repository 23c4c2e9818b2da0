"use client";
// One connected exchange account: masked key, status, last check, and its actions (use, rename, delete with a
// two-factor code).
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { CheckCircle2Icon, KeyRoundIcon, PencilIcon, Trash2Icon } from "lucide-react";

import { RenameDialog } from "@/components/rename-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { AccountView } from "@/lib/accounts/account-view";
import { EXCHANGE_LABELS } from "@/lib/accounts/schemas";
import { formatDateTime } from "@/lib/utils";
import { callApi } from "./call-api";
import { DeleteKeyDialog } from "./delete-key-dialog";

const STATUS = {
  active: { label: "Active", variant: "success" },
  invalid: { label: "Key invalid", variant: "danger" },
  disabled: { label: "Disabled", variant: "muted" },
} as const;

/** A row of the accounts list. */
export function AccountRow({ account }: { account: AccountView }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const status = STATUS[account.status];
  const exchangeName =
    EXCHANGE_LABELS[account.exchange] ?? account.exchange.charAt(0).toUpperCase() + account.exchange.slice(1);

  async function act(url: string, method: string, body: unknown, done: string) {
    setBusy(true);
    const res = await callApi(url, method, body);
    setBusy(false);
    if (!res.ok) return toast.error(res.error.message);
    toast.success(done);
    router.refresh();
  }

  return (
    <li
      className="flex flex-col gap-3 px-4 py-4 sm:flex-row sm:items-center sm:justify-between"
      data-testid="account-row"
    >
      <div className="flex min-w-0 items-start gap-3">
        <div className="bg-muted flex size-9 shrink-0 items-center justify-center rounded-lg border">
          <KeyRoundIcon className="text-muted-foreground size-4" aria-hidden="true" />
        </div>
        <div className="min-w-0 space-y-1">
          <div className="flex flex-wrap items-center gap-2">
            <span className="truncate font-medium">{account.label}</span>
            <Badge variant="outline">{exchangeName}</Badge>
            {account.testnet && <Badge variant="warning">Testnet</Badge>}
            <Badge variant={status.variant}>{status.label}</Badge>
            {account.usedForTrading && <Badge variant="default">Auto-trading</Badge>}
          </div>
          <div className="text-muted-foreground flex flex-wrap gap-x-4 gap-y-1 text-xs">
            <span>
              Key{" "}
              <code className="text-foreground font-mono" data-testid="key-hint">
                {account.keyHint}
              </code>
            </span>
            <span>Checked {formatDateTime(account.lastValidatedAt)} UTC</span>
          </div>
          {account.statusReason && <p className="text-danger text-xs">{account.statusReason}</p>}
        </div>
      </div>
      <div className="flex shrink-0 flex-wrap items-center gap-2">
        {!account.usedForTrading && (
          <Button
            variant="outline"
            size="sm"
            disabled={busy || account.status !== "active"}
            onClick={() =>
              act(
                "/api/trading-account",
                "PUT",
                { accountId: account.id },
                `Auto-trading will use ${account.label}`,
              )
            }
          >
            <CheckCircle2Icon />
            Use for auto-trading
          </Button>
        )}
        <RenameDialog
          path={`/api/exchange-keys/${account.id}`}
          field="label"
          current={account.label}
          inputId={`rename-${account.id}`}
          title="Rename account"
          description="Only the name changes; the key stays as it is."
          done="Account renamed"
          onRenamed={() => router.refresh()}
        >
          <Button variant="ghost" size="icon-sm" aria-label={`Rename ${account.label}`}>
            <PencilIcon />
          </Button>
        </RenameDialog>
        <DeleteKeyDialog
          accountId={account.id}
          label={account.label}
          keyHint={account.keyHint}
          exchangeName={exchangeName}
        >
          <Button
            variant="ghost"
            size="icon-sm"
            aria-label={`Delete ${account.label}`}
            disabled={busy}
            className="text-danger hover:text-danger"
          >
            <Trash2Icon />
          </Button>
        </DeleteKeyDialog>
      </div>
    </li>
  );
}
