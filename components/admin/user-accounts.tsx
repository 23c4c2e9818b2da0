// A user's connected exchange accounts as an admin sees them: masked key hint only, never the key itself.
import { LockIcon } from "lucide-react";

import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { AdminAccountView } from "@/lib/admin/users";
import { formatDateTime } from "@/lib/utils";
import { SectionCard } from "./section-card";

const STATUS_VARIANT = { active: "success", invalid: "danger", disabled: "muted" } as const;

/** Exchange, label, network, masked key, status and last validation. */
export function UserAccounts({ accounts }: { accounts: AdminAccountView[] }) {
  return (
    <SectionCard
      title="Connected accounts"
      description="Keys stay encrypted; the console shows only the stored hint."
      aside={<LockIcon className="text-muted-foreground size-4" aria-label="Keys are never revealed" />}
    >
      {accounts.length === 0 ? (
        <p className="text-muted-foreground text-sm">No exchange account connected.</p>
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Account</TableHead>
              <TableHead>Network</TableHead>
              <TableHead>API key</TableHead>
              <TableHead>Status</TableHead>
              <TableHead>Last validated</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {accounts.map((a) => (
              <TableRow key={a.id}>
                <TableCell>
                  <p className="font-medium">{a.label}</p>
                  <p className="text-muted-foreground text-xs capitalize">{a.exchange}</p>
                </TableCell>
                <TableCell>
                  {a.exchange === "paper" ? "Paper" : a.testnet ? "Testnet" : "Mainnet (live)"}
                </TableCell>
                <TableCell className="font-mono text-xs">{a.keyHint ?? "—"}</TableCell>
                <TableCell>
                  <Badge
                    variant={STATUS_VARIANT[a.status as keyof typeof STATUS_VARIANT] ?? "muted"}
                    title={a.statusReason ?? undefined}
                  >
                    {a.status}
                  </Badge>
                </TableCell>
                <TableCell className="text-muted-foreground">{formatDateTime(a.lastValidatedAt)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </SectionCard>
  );
}
