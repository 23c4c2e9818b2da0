// The subscription status as a tinted badge.
import { Badge } from "@/components/ui/badge";

const LABELS: Record<string, { label: string; variant: "success" | "warning" | "danger" | "muted" }> = {
  active: { label: "Active", variant: "success" },
  trialing: { label: "Trialing", variant: "success" },
  past_due: { label: "Past due", variant: "warning" },
  unpaid: { label: "Unpaid", variant: "danger" },
  canceled: { label: "Cancelled", variant: "muted" },
  incomplete: { label: "Awaiting payment", variant: "warning" },
  incomplete_expired: { label: "Expired", variant: "muted" },
  paused: { label: "Paused", variant: "warning" },
};

/** Shows `status` ("past_due" → "Past due"); no subscription shows "No subscription". */
export function SubscriptionStatusBadge({ status }: { status: string | null }) {
  const s = status ? (LABELS[status] ?? { label: status, variant: "muted" as const }) : null;
  if (!s) return <Badge variant="muted">No subscription</Badge>;
  return (
    <Badge variant={s.variant} data-testid="subscription-status">
      {s.label}
    </Badge>
  );
}
