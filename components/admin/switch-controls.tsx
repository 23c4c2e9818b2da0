"use client";
// The global kill switch (confirm dialog both ways) and per-symbol pause switches.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { OctagonAlertIcon, PlayIcon } from "lucide-react";
import { toast } from "sonner";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Switch } from "@/components/ui/switch";
import { cn, formatDateTime } from "@/lib/utils";
import { adminFetch } from "./admin-fetch";
import { ConfirmAction } from "./confirm-action";
import { SectionCard } from "./section-card";

const save = (body: Record<string, unknown>) => adminFetch("/api/admin/settings", { method: "PUT", body });

/** Big red switch: stops every new order from the next execute job onward. */
export function KillSwitchControl({ on, updatedAt }: { on: boolean; updatedAt: string | null }) {
  const router = useRouter();
  return (
    <SectionCard
      title="Global kill switch"
      description="Stops all new orders for every user from the next job onward, including jobs already queued."
      aside={on ? <Badge variant="danger">ON</Badge> : <Badge variant="success">Off</Badge>}
    >
      <div
        className={cn(
          "flex flex-col gap-4 rounded-lg border p-4 sm:flex-row sm:items-center sm:justify-between",
          on && "border-destructive/40 bg-destructive/5",
        )}
      >
        <div className="text-sm">
          <p className="font-medium">{on ? "Trading is stopped platform-wide" : "Orders flow normally"}</p>
          <p className="text-muted-foreground text-xs">Last changed {formatDateTime(updatedAt)}</p>
        </div>
        <ConfirmAction
          destructive={!on}
          trigger={
            on ? (
              <Button variant="outline">
                <PlayIcon aria-hidden="true" /> Switch off
              </Button>
            ) : (
              <Button variant="destructive">
                <OctagonAlertIcon aria-hidden="true" /> Switch on
              </Button>
            )
          }
          title={on ? "Resume trading?" : "Stop all trading?"}
          description={
            on ? (
              <p>New orders will be placed again from the next decision.</p>
            ) : (
              <>
                <p>
                  No new order is placed for any user from the next job onward. Queued order jobs are skipped.
                </p>
                <p>
                  Every user sees a banner while the switch is on. Open positions keep their stop loss and
                  take profit.
                </p>
              </>
            )
          }
          confirmLabel={on ? "Resume trading" : "Stop all trading"}
          onConfirm={async () => {
            await save({ killSwitch: !on });
            toast.success(on ? "Kill switch off — trading resumes" : "Kill switch on — no new orders");
            router.refresh();
          }}
        />
      </div>
    </SectionCard>
  );
}

/** One switch per served symbol; off = that symbol's decision loop and orders pause. */
export function SymbolPauseControl({ symbols, paused }: { symbols: string[]; paused: string[] }) {
  const router = useRouter();
  const [busy, setBusy] = useState<string | null>(null);
  async function toggle(symbol: string, running: boolean) {
    setBusy(symbol);
    try {
      const next = running ? paused.filter((s) => s !== symbol) : [...paused, symbol];
      await save({ pausedSymbols: next });
      toast.success(running ? `${symbol} resumed` : `${symbol} paused`);
      router.refresh();
    } catch (err) {
      toast.error((err as Error).message);
    } finally {
      setBusy(null);
    }
  }
  return (
    <SectionCard
      title="Symbols"
      description="Pause one symbol's decisions and orders without touching the others."
    >
      <ul className="divide-y rounded-lg border">
        {symbols.map((s) => {
          const running = !paused.includes(s);
          return (
            <li key={s} className="flex items-center justify-between gap-4 px-4 py-3">
              <div>
                <p className="text-sm font-medium">{s}</p>
                <p className="text-muted-foreground text-xs">
                  {running ? "Running" : "Paused by an operator"}
                </p>
              </div>
              <Switch
                checked={running}
                disabled={busy !== null}
                onCheckedChange={(v) => toggle(s, v)}
                aria-label={`${s} running`}
              />
            </li>
          );
        })}
      </ul>
    </SectionCard>
  );
}
