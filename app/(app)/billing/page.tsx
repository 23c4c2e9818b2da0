// GET /billing — plan and subscription management (placeholder).
import type { Metadata } from "next";
import Link from "next/link";
import { CreditCardIcon } from "lucide-react";

import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Button } from "@/components/ui/button";

export const metadata: Metadata = { title: "Billing" };

export default function BillingPage() {
  return (
    <>
      <PageHeader title="Billing" description="Your plan, payment method and invoices." />
      <EmptyState
        icon={CreditCardIcon}
        title="Manage your subscription"
        description="Upgrade to trade live on your own exchange account, change plan or download invoices. Payments are handled by Stripe."
        action={
          <Button asChild variant="outline">
            <Link href="/#pricing">Compare plans</Link>
          </Button>
        }
      />
    </>
  );
}
