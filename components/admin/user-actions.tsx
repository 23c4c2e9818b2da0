"use client";
// Admin actions on one user, each behind a confirm dialog: suspend (with a reason), reactivate, auto-trade off.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { BanIcon, PowerOffIcon, UserCheckIcon } from "lucide-react";
import { toast } from "sonner";

import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { adminFetch } from "./admin-fetch";
import { ConfirmAction } from "./confirm-action";

interface Props {
  user: { id: number; email: string; status: "active" | "suspended"; autoTrade: boolean };
  isSelf: boolean;
}

/** Buttons for the header of the admin user page. */
export function UserActions({ user, isSelf }: Props) {
  const router = useRouter();
  const [reason, setReason] = useState("");
  const base = `/api/admin/users/${user.id}`;

  return (
    <>
      {user.autoTrade && (
        <ConfirmAction
          trigger={
            <Button variant="outline">
              <PowerOffIcon aria-hidden="true" /> Auto-trade off
            </Button>
          }
          title="Switch auto-trading off?"
          description={
            <p>
              No new orders will be placed for {user.email} on any symbol. They can switch it back on
              themselves.
            </p>
          }
          confirmLabel="Switch off"
          onConfirm={async () => {
            await adminFetch(`${base}/auto-trade-off`, { method: "POST" });
            toast.success(`Auto-trading switched off for ${user.email}`);
            router.refresh();
          }}
        />
      )}
      {user.status === "active" ? (
        !isSelf && (
          <ConfirmAction
            destructive
            trigger={
              <Button variant="destructive">
                <BanIcon aria-hidden="true" /> Suspend
              </Button>
            }
            title={`Suspend ${user.email}?`}
            description={
              <>
                <p>
                  Their sessions end at their next request, they cannot log in, and their auto-trading stops
                  on every symbol.
                </p>
                <p>Open positions are not closed.</p>
              </>
            }
            confirmLabel="Suspend user"
            onConfirm={async () => {
              await adminFetch(`${base}/suspend`, {
                method: "POST",
                body: reason.trim() ? { reason: reason.trim() } : {},
              });
              toast.success(`${user.email} is suspended`);
              setReason("");
              router.refresh();
            }}
          >
            <div className="grid gap-2">
              <Label htmlFor="suspend-reason">Reason (kept in the audit log)</Label>
              <Textarea
                id="suspend-reason"
                value={reason}
                maxLength={500}
                onChange={(e) => setReason(e.target.value)}
                placeholder="e.g. chargeback, abuse report #123"
              />
            </div>
          </ConfirmAction>
        )
      ) : (
        <ConfirmAction
          trigger={
            <Button>
              <UserCheckIcon aria-hidden="true" /> Reactivate
            </Button>
          }
          title={`Reactivate ${user.email}?`}
          description={<p>They can log in again. Auto-trading stays off until they switch it on.</p>}
          confirmLabel="Reactivate"
          onConfirm={async () => {
            await adminFetch(`${base}/reactivate`, { method: "POST" });
            toast.success(`${user.email} is active again`);
            router.refresh();
          }}
        />
      )}
    </>
  );
}
