// The user's connected exchange accounts (masked), or an empty state that points at the form.
import { KeyRoundIcon } from "lucide-react";

import { EmptyState } from "@/components/empty-state";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { AccountView } from "@/lib/accounts/account-view";
import { AccountRow } from "./account-row";

/** The list of live accounts. */
export function AccountsList({ accounts }: { accounts: AccountView[] }) {
  if (accounts.length === 0)
    return (
      <EmptyState
        icon={KeyRoundIcon}
        title="No exchange keys yet"
        description="Auto-trading runs on the paper account until you add a trade-only key for your own exchange account."
        className="py-10"
      />
    );
  return (
    <Card className="gap-0 pb-0">
      <CardHeader className="border-b pb-4">
        <CardTitle>Exchange keys</CardTitle>
        <CardDescription>Only a masked hint of each key is ever shown again.</CardDescription>
      </CardHeader>
      <ul className="divide-y" aria-label="Exchange keys">
        {accounts.map((a) => (
          <AccountRow key={a.id} account={a} />
        ))}
      </ul>
    </Card>
  );
}
