// Feed and per-symbol decision tables of the status page.
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { DecisionLag, FeedStatus, SymbolStatus } from "@/lib/admin/status";
import { formatDateTime, formatUsd } from "@/lib/utils";
import { formatAgo, formatCompact, formatDuration } from "./format";
import { SectionCard } from "./section-card";

function lagBadge(lagMs: number | null) {
  if (lagMs == null) return <Badge variant="danger">No data</Badge>;
  if (lagMs > 180_000) return <Badge variant="danger">{formatDuration(lagMs)}</Badge>;
  if (lagMs > 75_000) return <Badge variant="warning">{formatDuration(lagMs)}</Badge>;
  return <Badge variant="success">{formatDuration(lagMs)}</Badge>;
}

/** Per feed: source, leader, last candle and lag. */
export function FeedsTable({ feeds, now }: { feeds: FeedStatus[]; now: number }) {
  return (
    <SectionCard
      title="Market feeds"
      description="One leader per series writes candles to Redis; lag is the time since it last wrote."
    >
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>Series</TableHead>
            <TableHead>Source</TableHead>
            <TableHead>Leader</TableHead>
            <TableHead>Last candle</TableHead>
            <TableHead>Last write</TableHead>
            <TableHead className="text-right">Lag</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {feeds.map((f) => (
            <TableRow key={`${f.source}:${f.symbol}`}>
              <TableCell className="font-medium">{f.symbol} · 1m</TableCell>
              <TableCell>{f.source}</TableCell>
              <TableCell className="font-mono text-xs">{f.leader ?? "—"}</TableCell>
              <TableCell className="tabular-nums">
                {formatDateTime(f.lastCandleTime, { seconds: true })}
              </TableCell>
              <TableCell className="text-muted-foreground">{formatAgo(f.lastUpdate, now)}</TableCell>
              <TableCell className="text-right">{lagBadge(f.lagMs)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </SectionCard>
  );
}

/** Goal for boundary → decision stored, p99 (built-in provider). */
const LAG_GOAL_MS = 3_000;
const seconds = (ms: number | null) => (ms === null ? "—" : `${(ms / 1000).toFixed(2)} s`);

// Tick boundary → decision stored: p50, p99 and max over the last 24 h, against the 3 s goal.
function LagSummary({ lag }: { lag: DecisionLag }) {
  if (lag.samples === 0)
    return <p className="text-muted-foreground text-sm">No scheduled decision in the last 24 hours.</p>;
  const late = (lag.p99Ms ?? 0) > LAG_GOAL_MS;
  return (
    <div className="flex flex-wrap items-center gap-x-5 gap-y-2 text-sm" data-testid="decision-lag">
      <span className="text-muted-foreground">Boundary → decision stored</span>
      <span className="tabular-nums">
        p50 <span className="font-medium">{seconds(lag.p50Ms)}</span>
      </span>
      <span className="tabular-nums">
        p99 <span className="font-medium">{seconds(lag.p99Ms)}</span>
      </span>
      <span className="tabular-nums">
        max <span className="font-medium">{seconds(lag.maxMs)}</span>
      </span>
      <Badge variant={late ? "warning" : "success"}>{late ? "p99 over 3 s" : "p99 within 3 s"}</Badge>
      <span className="text-muted-foreground text-xs">{formatCompact(lag.samples)} decisions, last 24 h</span>
    </div>
  );
}

/** Per symbol: last decision, provider/model, latency, tokens and cost today, safe mode, pause; tick lag. */
export function SymbolsTable({
  symbols,
  lag,
  inForce,
}: {
  symbols: SymbolStatus[];
  lag: DecisionLag;
  /** The provider / model deciding from the next tick on (a past decision may have had another). */
  inForce?: string;
}) {
  return (
    <SectionCard
      title="Decision loop"
      description="The latest decision per symbol, how late after the boundary decisions land, and today's LLM use (UTC day)."
    >
      <div className="mb-4">
        <LagSummary lag={lag} />
      </div>
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>Symbol</TableHead>
            <TableHead>State</TableHead>
            <TableHead>Last decision</TableHead>
            <TableHead>Decided by</TableHead>
            <TableHead className="text-right">Latency</TableHead>
            <TableHead className="text-right">Tokens today</TableHead>
            <TableHead className="text-right">Cost today</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {symbols.map((s) => (
            <TableRow key={s.symbol}>
              <TableCell className="font-medium">{s.symbol}</TableCell>
              <TableCell>
                <div className="flex flex-wrap gap-1">
                  {s.paused && <Badge variant="warning">Paused</Badge>}
                  {s.safeMode ? (
                    <Badge variant="danger" title={s.lastError ?? undefined}>
                      Safe mode · {s.failures} failures
                    </Badge>
                  ) : (
                    !s.paused && <Badge variant="success">Running</Badge>
                  )}
                </div>
                {s.lastError && (
                  <p className="text-muted-foreground mt-1 max-w-64 truncate text-xs">{s.lastError}</p>
                )}
              </TableCell>
              <TableCell>
                {s.lastDecision ? (
                  <div className="space-y-0.5">
                    <span className="font-medium uppercase">{s.lastDecision.action}</span>
                    <span className="text-muted-foreground text-xs"> · {s.lastDecision.status}</span>
                    <p className="text-muted-foreground text-xs">
                      {formatDateTime(s.lastDecision.createdAt)}
                    </p>
                  </div>
                ) : (
                  <span className="text-muted-foreground">None yet</span>
                )}
              </TableCell>
              <TableCell className="text-muted-foreground">
                {s.lastDecision ? `${s.lastDecision.provider} / ${s.lastDecision.model}` : "—"}
                {s.lastDecision &&
                  inForce &&
                  inForce !== `${s.lastDecision.provider} / ${s.lastDecision.model}` && (
                    <span className="block text-xs">next tick: {inForce}</span>
                  )}
              </TableCell>
              <TableCell className="text-right tabular-nums">
                {s.lastDecision ? `${(s.lastDecision.latencyMs / 1000).toFixed(2)} s` : "—"}
              </TableCell>
              <TableCell className="text-right tabular-nums">{formatCompact(s.tokensToday)}</TableCell>
              <TableCell className="text-right tabular-nums">
                {formatUsd(s.costToday, { decimals: 4 })}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </SectionCard>
  );
}
