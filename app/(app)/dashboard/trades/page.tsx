// GET /dashboard/trades — the full trade log: every order outcome, newest first.
import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { TradeLog } from "@/components/trading/trade-log";
import { Card, CardContent } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Trades" };

export default async function TradesPage() {
  await requireUser("/dashboard/trades");
  return (
    <>
      <PageHeader
        title="Trades"
        description="Every decision's outcome for you: placed, held, skipped (and why), or failed (and why)."
      />
      <Card>
        <CardContent>
          <TradeLog limit={25} />
        </CardContent>
      </Card>
    </>
  );
}
