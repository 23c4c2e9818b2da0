"use client";
// The paper account: balance, equity, margin in use, and a reset (with confirmation) back to the initial balance.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { RotateCcwIcon, WalletIcon } from "lucide-react";

import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn, formatNumber, formatUsd } from "@/lib/utils";
import { callApi } from "./call-api";

export interface PaperSummaryView {
  accountId: number;
  balance: number;
  initial: number;
  equity: number;
  margin: number;
  unrealized: number;
  openPositions: number;
  usedForTrading: boolean;
}

function Stat({ label, value, tone }: { label: string; value: string; tone?: "up" | "down" }) {
  return (
    <div className="bg-muted/40 rounded-lg border px-3 py-2.5">
      <div className="text-muted-foreground text-xs">{label}</div>
      <div
        className={cn(
          "mt-0.5 text-lg font-semibold tabular-nums",
          tone === "up" && "text-success",
          tone === "down" && "text-danger",
        )}
      >
        {value}
      </div>
    </div>
  );
}

/** The paper account card. */
export function PaperCard({ paper }: { paper: PaperSummaryView }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const change = paper.equity - paper.initial;

  async function useForTrading() {
    setPending(true);
    const res = await callApi("/api/trading-account", "PUT", { accountId: paper.accountId });
    setPending(false);
    if (!res.ok) return toast.error(res.error.message);
    toast.success("Auto-trading will use the paper account");
    router.refresh();
  }

  async function reset() {
    setPending(true);
    const res = await callApi<{ balance: number }>(`/api/exchange-keys/${paper.accountId}/reset`, "POST");
    setPending(false);
    if (!res.ok) return toast.error(res.error.message);
    toast.success("Paper balance reset", { description: `Back to ${formatNumber(res.data.balance)} USDT.` });
    router.refresh();
  }

  return (
    <Card data-testid="paper-card">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <WalletIcon className="text-muted-foreground size-4" aria-hidden="true" />
          <span className="whitespace-nowrap">Paper trading</span>
          {paper.usedForTrading && <Badge variant="success">Auto-trading</Badge>}
        </CardTitle>
        <CardDescription>
          Simulated USDT perpetuals: real prices, 0.055% taker fee, isolated margin and liquidation.
        </CardDescription>
        <CardAction className="flex flex-wrap justify-end gap-2">
          {!paper.usedForTrading && (
            <Button variant="outline" size="sm" disabled={pending} onClick={useForTrading}>
              Use for auto-trading
            </Button>
          )}
          <AlertDialog>
            <AlertDialogTrigger asChild>
              <Button variant="outline" size="sm" disabled={pending}>
                <RotateCcwIcon />
                Reset
              </Button>
            </AlertDialogTrigger>
            <AlertDialogContent>
              <AlertDialogHeader>
                <AlertDialogTitle>Reset the paper account?</AlertDialogTitle>
                <AlertDialogDescription>
                  Open paper positions are closed without profit or loss and the balance goes back to{" "}
                  {formatNumber(paper.initial)} USDT. Your trade history stays.
                </AlertDialogDescription>
              </AlertDialogHeader>
              <AlertDialogFooter>
                <AlertDialogCancel>Cancel</AlertDialogCancel>
                <AlertDialogAction onClick={reset}>Reset balance</AlertDialogAction>
              </AlertDialogFooter>
            </AlertDialogContent>
          </AlertDialog>
        </CardAction>
      </CardHeader>
      <CardContent className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Stat label="Equity (USDT)" value={formatNumber(paper.equity, { decimals: 2, fixed: true })} />
        <Stat label="Wallet balance" value={formatNumber(paper.balance, { decimals: 2, fixed: true })} />
        <Stat label="Margin in use" value={formatNumber(paper.margin, { decimals: 2, fixed: true })} />
        <Stat
          label="Since start"
          value={formatUsd(change, { signed: true })}
          tone={change > 0 ? "up" : change < 0 ? "down" : undefined}
        />
        <p className="text-muted-foreground col-span-full text-xs" data-testid="paper-positions">
          {paper.openPositions === 0
            ? "No open paper positions."
            : `${paper.openPositions} open position${paper.openPositions > 1 ? "s" : ""}, unrealised ${formatUsd(paper.unrealized, { signed: true })}.`}
        </p>
      </CardContent>
    </Card>
  );
}
