"use client";
// The user's kept backtests, newest first: status (with live progress), period, level, strategy and the headline
// figures; choosing one shows it above.
import { HistoryIcon } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { RunView } from "@/lib/backtest/runs";
import { cn, formatDateTime, formatPercent } from "@/lib/utils";

const STATUS = { queued: "muted", running: "warning", done: "success", failed: "danger" } as const;

export function BacktestRuns(props: {
  runs: RunView[];
  selectedId: number | null;
  progress: Record<number, number>;
  onSelect: (id: number) => void;
}) {
  if (props.runs.length === 0) return null;
  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <HistoryIcon className="text-muted-foreground size-4" aria-hidden="true" /> Your backtests
        </CardTitle>
        <CardDescription>Every run is kept with its curve and trades. Choose one to see it.</CardDescription>
      </CardHeader>
      <CardContent>
        <Table data-testid="backtest-runs">
          <TableHeader>
            <TableRow>
              <TableHead>Started</TableHead>
              <TableHead>Status</TableHead>
              <TableHead className="hidden md:table-cell">Period (UTC)</TableHead>
              <TableHead>Level</TableHead>
              <TableHead className="hidden sm:table-cell">Strategy</TableHead>
              <TableHead className="text-right">Return</TableHead>
              <TableHead className="hidden text-right sm:table-cell">Max DD</TableHead>
              <TableHead className="hidden text-right sm:table-cell">Trades</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {props.runs.map((r) => {
              const m = r.metrics as {
                returnAfterFees?: number;
                maxDrawdown?: number;
                trades?: number;
              } | null;
              const ret = m?.returnAfterFees ?? null;
              const progress = props.progress[r.id] ?? r.progress;
              return (
                <TableRow
                  key={r.id}
                  data-testid="backtest-run-row"
                  data-state={props.selectedId === r.id ? "selected" : undefined}
                  className="cursor-pointer"
                  onClick={() => props.onSelect(r.id)}
                >
                  <TableCell className="whitespace-nowrap tabular-nums">
                    <button type="button" className="hover:underline" onClick={() => props.onSelect(r.id)}>
                      {formatDateTime(r.createdAt)}
                    </button>
                  </TableCell>
                  <TableCell>
                    <Badge variant={STATUS[r.status]}>
                      {r.status === "running" ? `running ${Math.round(progress * 100)} %` : r.status}
                    </Badge>
                  </TableCell>
                  <TableCell className="text-muted-foreground hidden text-xs whitespace-nowrap md:table-cell">
                    {r.from.slice(0, 16).replace("T", " ")} → {r.to.slice(0, 16).replace("T", " ")}
                  </TableCell>
                  <TableCell className="capitalize">{r.riskLevel}</TableCell>
                  <TableCell className="hidden sm:table-cell">
                    {r.provider === "builtin" ? "Built-in" : r.customPrompt ? `${r.model} + prompt` : r.model}
                  </TableCell>
                  <TableCell
                    className={cn(
                      "text-right font-medium tabular-nums",
                      ret !== null && ret > 0 && "text-profit",
                      ret !== null && ret < 0 && "text-loss",
                    )}
                  >
                    {ret === null ? "—" : formatPercent(ret, { signed: true })}
                  </TableCell>
                  <TableCell className="hidden text-right tabular-nums sm:table-cell">
                    {m?.maxDrawdown === undefined ? "—" : formatPercent(-m.maxDrawdown)}
                  </TableCell>
                  <TableCell className="hidden text-right tabular-nums sm:table-cell">
                    {m?.trades ?? "—"}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
}
