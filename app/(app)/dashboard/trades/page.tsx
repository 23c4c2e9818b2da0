// GET /dashboard/trades — the trade log (placeholder).
import type { Metadata } from "next";
import Link from "next/link";
import { ArrowLeftRightIcon } from "lucide-react";

import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Button } from "@/components/ui/button";

export const metadata: Metadata = { title: "Trades" };

export default function TradesPage() {
  return (
    <>
      <PageHeader
        title="Trades"
        description="Every order placed for you, with the decision behind it, fees and realised PnL."
      />
      <EmptyState
        icon={ArrowLeftRightIcon}
        title="No trades yet"
        description="Orders show up here after the first decision that passes your limits. With auto-trading on, that can be within 5 minutes."
        action={
          <Button asChild variant="outline">
            <Link href="/dashboard">Back to dashboard</Link>
          </Button>
        }
      />
    </>
  );
}
