// Status, plan and auto-trade badges shared by the admin user list and detail page.
import { Badge } from "@/components/ui/badge";

/** Active (green) or suspended (red). */
export function UserStatusBadge({ status }: { status: "active" | "suspended" }) {
  return status === "active" ? (
    <Badge variant="success">Active</Badge>
  ) : (
    <Badge variant="danger">Suspended</Badge>
  );
}

/** Auto-trading on or off. */
export function AutoTradeBadge({ on }: { on: boolean }) {
  return on ? <Badge variant="success">Auto-trade on</Badge> : <Badge variant="muted">Off</Badge>;
}

/** Paper, live or no account. */
export function AccountTypeBadge({ type }: { type: "paper" | "live" | "none" }) {
  if (type === "none") return <span className="text-muted-foreground">—</span>;
  return (
    <Badge variant={type === "live" ? "warning" : "outline"}>{type === "live" ? "Live" : "Paper"}</Badge>
  );
}
