// The billing page's notice after Tickpilot cancelled a second subscription and refunded it (server-safe).
import { ReceiptIcon } from "lucide-react";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import type { BillingView } from "@/components/billing/types";
import { PLANS } from "@/lib/billing/plans";
import { formatDateTime } from "@/lib/utils";

const money = (cents: number, currency: string) =>
  new Intl.NumberFormat("en-US", { style: "currency", currency: currency.toUpperCase() }).format(cents / 100);

/** One line per refunded duplicate; renders nothing when there is none. */
export function DuplicateRefundNotice({
  refunds,
  plan,
}: {
  refunds: BillingView["duplicateRefunds"];
  plan: BillingView["plan"];
}) {
  if (refunds.length === 0) return null;
  return (
    <Alert variant="success" data-testid="duplicate-refund">
      <ReceiptIcon aria-hidden="true" />
      <AlertTitle className="line-clamp-none">You were not charged twice</AlertTitle>
      <AlertDescription className="space-y-1">
        {refunds.map((r) => (
          <p key={r.cancelledAt}>
            On {formatDateTime(r.cancelledAt).replace(/, \d\d:\d\d$/, "")} a second subscription (
            {PLANS[r.plan].name}) was paid for. We cancelled it and refunded{" "}
            <span className="font-medium tabular-nums">{money(r.amount, r.currency)}</span> to the card it was
            paid with (refunds take 5–10 days to appear). You stay on {PLANS[plan].name}; change plans with
            Manage billing.
          </p>
        ))}
      </AlertDescription>
    </Alert>
  );
}
