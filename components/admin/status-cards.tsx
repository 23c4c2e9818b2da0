// The four headline numbers of the status page: kill switch (with the provider in force), LLM spend vs the
// budget in force (warning at 80 %), workers, queue backlog.
import {
  ActivityIcon,
  CircleAlertIcon,
  CircleCheckIcon,
  CpuIcon,
  GaugeIcon,
  LayersIcon,
  OctagonAlertIcon,
  ShieldCheckIcon,
} from "lucide-react";

import { Card } from "@/components/ui/card";
import { Progress } from "@/components/ui/progress";
import type { QueueCounts } from "@/lib/admin/queues";
import type { SystemStatus } from "@/lib/admin/status";
import { cn, formatUsd } from "@/lib/utils";
import { formatCompact } from "./format";

function Stat({
  label,
  icon: Icon,
  tone,
  children,
}: {
  label: string;
  icon: typeof CpuIcon;
  tone?: "danger" | "ok";
  children: React.ReactNode;
}) {
  return (
    <Card className={cn("gap-2 px-5 py-4", tone === "danger" && "border-destructive/40 bg-destructive/5")}>
      <div className="text-muted-foreground flex items-center gap-2 text-xs font-medium tracking-wide uppercase">
        <Icon className={cn("size-3.5", tone === "danger" && "text-destructive")} aria-hidden="true" />
        {label}
      </div>
      {children}
    </Card>
  );
}

/** Headline cards; the kill switch card turns red while the switch is on. */
export function StatusCards({ status, queues }: { status: SystemStatus; queues: QueueCounts[] }) {
  const { spend } = status;
  const used = Math.min(100, spend.usedRatio * 100);
  const waiting = queues.reduce((n, q) => n + q.waiting, 0);
  const delayed = queues.reduce((n, q) => n + q.delayed, 0);
  const failed = queues.reduce((n, q) => n + q.failed, 0);
  return (
    <div className="grid grid-cols-2 gap-3 sm:gap-4 xl:grid-cols-4">
      <Stat
        label="Kill switch"
        icon={status.killSwitch ? OctagonAlertIcon : ShieldCheckIcon}
        tone={status.killSwitch ? "danger" : "ok"}
      >
        <p className={cn("text-2xl font-semibold", status.killSwitch && "text-destructive")}>
          {status.killSwitch ? "On" : "Off"}
        </p>
        <p className="text-muted-foreground text-xs">
          {status.killSwitch ? "No new orders are placed" : "Orders flow normally"}
        </p>
        <p className="text-muted-foreground text-xs" data-testid="provider-in-force">
          Deciding now: {status.provider} / {status.model}
        </p>
      </Stat>
      <Stat
        label="LLM tokens today"
        icon={GaugeIcon}
        tone={used >= 100 || spend.warning ? "danger" : undefined}
      >
        <p className="text-2xl font-semibold tabular-nums">
          {formatCompact(spend.tokens)}
          <span className="text-muted-foreground text-sm font-normal"> / {formatCompact(spend.budget)}</span>
        </p>
        <Progress value={used} aria-label="Share of the daily token budget used" className="h-1.5" />
        <p className="text-muted-foreground text-xs">
          {status.provider === "builtin" && spend.calls === 0
            ? "Built-in strategy: no LLM calls today"
            : `${formatUsd(spend.costUsd, { decimals: 4 })} · ${spend.calls} LLM call${spend.calls === 1 ? "" : "s"} since 00:00 UTC`}{" "}
          · budget {spend.budgetSource}
        </p>
        {spend.warning && (
          <p className="text-destructive text-xs font-medium" role="status" data-testid="budget-warning">
            {Math.floor(spend.usedRatio * 100)} % of today&apos;s budget used: decisions hold when it runs
            out.
          </p>
        )}
        {spend.unpricedModel && (
          <p className="text-muted-foreground text-xs">
            No price for {spend.unpricedModel}: costs use the fallback price.
          </p>
        )}
      </Stat>
      <Stat label="Workers" icon={CpuIcon} tone={status.workers.length === 0 ? "danger" : undefined}>
        <p className="text-2xl font-semibold tabular-nums">{status.workers.length}</p>
        <p className="text-muted-foreground text-xs">
          {status.workers.length === 0 ? "No worker heartbeat — nothing runs" : "with a recent heartbeat"}
        </p>
      </Stat>
      <Stat label="Queues" icon={LayersIcon} tone={failed > 0 ? "danger" : undefined}>
        <p className="text-2xl font-semibold tabular-nums" data-testid="queues-waiting">
          {waiting}
          <span className="text-muted-foreground text-sm font-normal"> waiting</span>
        </p>
        <p className="text-muted-foreground text-xs" data-testid="queues-delayed">
          {delayed} delayed (scheduled or retrying later)
        </p>
        <p className={cn("text-xs", failed > 0 ? "text-destructive" : "text-muted-foreground")}>
          {failed} failed job{failed === 1 ? "" : "s"}
        </p>
      </Stat>
    </div>
  );
}

const LIVENESS_LABELS = {
  decisions: "Decisions",
  executeQueue: "Execution",
  pendingOrders: "Order rows",
} as const;

/** The liveness checks /api/health reports: green when the loop decides, executes and lands orders. */
export function LivenessStrip({ liveness }: { liveness: SystemStatus["liveness"] }) {
  const checks = Object.entries(LIVENESS_LABELS).map(([key, label]) => ({
    key,
    label,
    ...liveness[key as keyof typeof LIVENESS_LABELS],
  }));
  const failing = checks.filter((c) => !c.ok);
  return (
    <Card
      className={cn("gap-3 px-5 py-4", failing.length > 0 && "border-destructive/40 bg-destructive/5")}
      data-testid="liveness"
    >
      <div className="text-muted-foreground flex items-center gap-2 text-xs font-medium tracking-wide uppercase">
        <ActivityIcon
          className={cn("size-3.5", failing.length > 0 && "text-destructive")}
          aria-hidden="true"
        />
        Liveness {failing.length > 0 ? `· ${failing.length} failing (health answers 503)` : "· all good"}
      </div>
      <ul className="grid gap-2 sm:grid-cols-3">
        {checks.map((c) => (
          <li key={c.key} className="flex min-w-0 items-start gap-2 text-sm">
            {c.ok ? (
              <CircleCheckIcon className="text-success mt-0.5 size-4 shrink-0" aria-label="OK" />
            ) : (
              <CircleAlertIcon className="text-destructive mt-0.5 size-4 shrink-0" aria-label="Failing" />
            )}
            <span className="min-w-0">
              <span className="font-medium">{c.label}</span>
              <span className="text-muted-foreground block text-xs">{c.detail}</span>
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
