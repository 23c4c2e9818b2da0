"use client";
// The decision log table; expanding a row loads its full prompt and raw response from the admin API.
import { Fragment, useState } from "react";
import { BrainCircuitIcon, ChevronDownIcon } from "lucide-react";

import { EmptyState } from "@/components/empty-state";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { DecisionRow } from "@/lib/admin/decision-log";
import { cn, formatDateTime, formatPercent, formatUsd } from "@/lib/utils";
import { adminFetch } from "./admin-fetch";

const ACTION_VARIANT = { buy: "success", sell: "danger", close: "warning", hold: "muted" } as const;
const STATUS_VARIANT = { ok: "outline", invalid: "warning", failed: "danger", skipped: "muted" } as const;

interface Detail {
  prompt: string | null;
  rawResponse: string | null;
  error: string | null;
  promptSha: string | null;
  provider: string;
  lagMs: number | null;
}

// What to show where the prompt was: the built-in strategy has none; old ones are pruned to their hash.
function promptText(d: Detail): string {
  if (d.prompt) return d.prompt;
  if (d.promptSha) return `Pruned after the retention period. SHA-256: ${d.promptSha}`;
  return d.provider === "builtin"
    ? "The built-in strategy has no prompt."
    : "No prompt: the model was not asked.";
}

function Block({ title, text }: { title: string; text: string | null }) {
  return (
    <div className="min-w-0 space-y-1.5">
      <p className="text-muted-foreground text-xs font-medium tracking-wide uppercase">{title}</p>
      <pre className="bg-muted/50 max-h-96 overflow-auto rounded-md border p-3 font-mono text-xs leading-relaxed break-words whitespace-pre-wrap">
        {text || "—"}
      </pre>
    </div>
  );
}

/** Decisions newest first; click a row to see the prompt and the raw response. */
export function DecisionsTable({ rows }: { rows: DecisionRow[] }) {
  const [open, setOpen] = useState<number | null>(null);
  const [details, setDetails] = useState<Record<number, Detail | string>>({});

  async function toggle(id: number) {
    setOpen((o) => (o === id ? null : id));
    if (details[id]) return;
    try {
      const { decision } = await adminFetch<{ decision: Detail }>(`/api/admin/decisions/${id}`);
      setDetails((d) => ({ ...d, [id]: decision }));
    } catch (err) {
      setDetails((d) => ({ ...d, [id]: (err as Error).message }));
    }
  }

  if (rows.length === 0) {
    return (
      <EmptyState
        icon={BrainCircuitIcon}
        title="No decisions yet"
        description="The decision loop writes one row per symbol, tick and decision group."
      />
    );
  }
  return (
    <Card className="py-0">
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead className="w-8 pl-4">
              <span className="sr-only">Expand</span>
            </TableHead>
            <TableHead>Tick</TableHead>
            <TableHead>Symbol</TableHead>
            <TableHead>Decision</TableHead>
            <TableHead>Model</TableHead>
            <TableHead className="text-right">Latency</TableHead>
            <TableHead className="text-right">Tokens</TableHead>
            <TableHead className="pr-4 text-right">Cost</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((d) => {
            const detail = details[d.id];
            return (
              <Fragment key={d.id}>
                <TableRow
                  className="cursor-pointer"
                  onClick={() => toggle(d.id)}
                  data-state={open === d.id ? "selected" : undefined}
                >
                  <TableCell className="pl-4">
                    <Button
                      variant="ghost"
                      size="icon-sm"
                      aria-expanded={open === d.id}
                      aria-label={`Show prompt and response of decision ${d.id}`}
                    >
                      <ChevronDownIcon
                        className={cn("transition-transform", open === d.id && "rotate-180")}
                      />
                    </Button>
                  </TableCell>
                  <TableCell className="tabular-nums">{formatDateTime(d.tickTime)}</TableCell>
                  <TableCell className="font-medium">{d.symbol}</TableCell>
                  <TableCell>
                    <div className="flex items-center gap-1.5">
                      <Badge variant={ACTION_VARIANT[d.action]}>{d.action.toUpperCase()}</Badge>
                      <span className="text-muted-foreground text-xs tabular-nums">
                        {formatPercent(d.confidence, { decimals: 0 })}
                      </span>
                      {d.status !== "ok" && <Badge variant={STATUS_VARIANT[d.status]}>{d.status}</Badge>}
                    </div>
                    <p className="text-muted-foreground max-w-80 truncate text-xs">{d.error ?? d.reason}</p>
                  </TableCell>
                  <TableCell className="text-muted-foreground text-xs">
                    {d.provider} / {d.model}
                    <p className="capitalize">{d.riskLevel} risk</p>
                  </TableCell>
                  <TableCell className="text-right tabular-nums">
                    {(d.latencyMs / 1000).toFixed(2)} s
                  </TableCell>
                  <TableCell className="text-right tabular-nums">
                    {(d.promptTokens + d.completionTokens).toLocaleString("en-US")}
                  </TableCell>
                  <TableCell className="pr-4 text-right tabular-nums">
                    {formatUsd(d.costUsd, { decimals: 4 })}
                  </TableCell>
                </TableRow>
                {open === d.id && (
                  <TableRow className="hover:bg-transparent">
                    <TableCell colSpan={8} className="bg-muted/20 px-4 py-4 whitespace-normal">
                      {!detail ? (
                        <p className="text-muted-foreground flex items-center gap-2 text-sm">
                          <Spinner /> Loading the prompt…
                        </p>
                      ) : typeof detail === "string" ? (
                        <p className="text-destructive text-sm">{detail}</p>
                      ) : (
                        <div className="grid gap-4 lg:grid-cols-2">
                          <Block title="Prompt" text={promptText(detail)} />
                          <Block title="Raw response" text={detail.rawResponse} />
                          {detail.error && (
                            <p className="text-destructive text-sm lg:col-span-2">Error: {detail.error}</p>
                          )}
                          {detail.lagMs !== null && (
                            <p className="text-muted-foreground text-xs lg:col-span-2">
                              Stored {(detail.lagMs / 1000).toFixed(2)} s after its tick boundary.
                            </p>
                          )}
                        </div>
                      )}
                    </TableCell>
                  </TableRow>
                )}
              </Fragment>
            );
          })}
        </TableBody>
      </Table>
    </Card>
  );
}
