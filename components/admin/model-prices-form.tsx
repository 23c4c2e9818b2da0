"use client";
// The LLM price table (USD per 1M tokens: input, cached input, output per model). Every cost figure uses it:
// the cost recorded with each decision, the spend card and the metrics. Saved as one audited setting.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { PlusIcon, Trash2Icon } from "lucide-react";
import { toast } from "sonner";

import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { ModelPrices } from "@/lib/decision/prices";
import { AdminFetchError, adminFetch } from "./admin-fetch";
import { SectionCard } from "./section-card";

type Row = { model: string; input: string; cachedInput: string; output: string };
const FIELDS = ["input", "cachedInput", "output"] as const;
const LABELS = { input: "Input", cachedInput: "Cached input", output: "Output" };

const toRows = (t: ModelPrices): Row[] =>
  Object.entries(t).map(([model, p]) => ({
    model,
    input: String(p.input),
    cachedInput: String(p.cachedInput),
    output: String(p.output),
  }));

/** Rows → the table the API takes; the first problem found is returned instead. */
function toTable(rows: Row[]): ModelPrices | string {
  const table: ModelPrices = {};
  for (const [i, r] of rows.entries()) {
    const model = r.model.trim();
    if (!model) return `Row ${i + 1}: enter a model name.`;
    if (table[model]) return `${model} is listed twice.`;
    const nums = FIELDS.map((f) => Number(r[f].trim()));
    const bad = FIELDS.find((f, k) => r[f].trim() === "" || !Number.isFinite(nums[k]) || nums[k]! < 0);
    if (bad) return `${model}: ${LABELS[bad].toLowerCase()} price must be a number of dollars ≥ 0.`;
    table[model] = { input: nums[0]!, cachedInput: nums[1]!, output: nums[2]! };
  }
  return table;
}

/** Editor for the per-model price table, with the configured model highlighted. */
export function ModelPricesForm({
  prices,
  custom,
  activeModel,
}: {
  prices: ModelPrices;
  /** True when the admin has saved a table (false = the built-in list prices). */
  custom: boolean;
  activeModel: string;
}) {
  const router = useRouter();
  const [rows, setRows] = useState<Row[]>(() => toRows(prices));
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const set = (i: number, field: keyof Row, value: string) =>
    setRows((rs) => rs.map((r, k) => (k === i ? { ...r, [field]: value } : r)));

  async function save(table: ModelPrices | null) {
    setPending(true);
    setError(null);
    try {
      await adminFetch("/api/admin/settings", { method: "PUT", body: { modelPrices: table } });
      toast.success(table ? "Prices saved — costs use them from the next call" : "Back to the list prices");
      router.refresh();
    } catch (err) {
      setError(err instanceof AdminFetchError ? (Object.values(err.fields)[0] ?? err.message) : String(err));
    } finally {
      setPending(false);
    }
  }

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const table = toTable(rows);
    if (typeof table === "string") setError(table);
    else void save(table);
  }

  const listed = rows.some((r) => r.model.trim() === activeModel);
  return (
    <SectionCard
      title="LLM prices"
      description={
        <>
          USD per 1M tokens. Used for every cost figure: each decision&apos;s cost, the spend card and the
          metrics. {custom ? "Your table is in force." : "OpenAI list prices are in force."}
        </>
      }
    >
      <form onSubmit={submit} className="space-y-4" noValidate>
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Model</TableHead>
              {FIELDS.map((f) => (
                <TableHead key={f} className="text-right">
                  {LABELS[f]}
                </TableHead>
              ))}
              <TableHead className="w-10">
                <span className="sr-only">Remove</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((r, i) => (
              <TableRow key={i} data-active={r.model.trim() === activeModel || undefined}>
                <TableCell className="min-w-32">
                  <Input
                    aria-label={`Model name, row ${i + 1}`}
                    value={r.model}
                    maxLength={64}
                    onChange={(e) => set(i, "model", e.target.value)}
                    className={r.model.trim() === activeModel ? "border-primary" : undefined}
                  />
                </TableCell>
                {FIELDS.map((f) => (
                  <TableCell key={f} className="min-w-20">
                    <Input
                      aria-label={`${LABELS[f]} price for ${r.model || `row ${i + 1}`}`}
                      inputMode="decimal"
                      className="text-right tabular-nums"
                      value={r[f]}
                      onChange={(e) => set(i, f, e.target.value)}
                    />
                  </TableCell>
                ))}
                <TableCell>
                  <Button
                    type="button"
                    variant="ghost"
                    size="icon"
                    aria-label={`Remove ${r.model || `row ${i + 1}`}`}
                    onClick={() => setRows((rs) => rs.filter((_, k) => k !== i))}
                  >
                    <Trash2Icon className="size-4" aria-hidden="true" />
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        {!listed && (
          <p className="border-warning/50 bg-warning/10 rounded-md border px-3 py-2 text-sm" role="status">
            The configured model <span className="font-mono">{activeModel}</span> has no price here: its costs
            use the OPENAI_PRICE_* fallback.
          </p>
        )}
        {error && (
          <p className="text-destructive text-sm" role="alert">
            {error}
          </p>
        )}
        <div className="flex flex-wrap justify-between gap-2">
          <Button
            type="button"
            variant="outline"
            onClick={() => setRows((rs) => [...rs, { model: "", input: "", cachedInput: "", output: "" }])}
          >
            <PlusIcon aria-hidden="true" /> Add model
          </Button>
          <div className="flex gap-2">
            {custom && (
              <Button type="button" variant="ghost" disabled={pending} onClick={() => void save(null)}>
                Use list prices
              </Button>
            )}
            <Button type="submit" disabled={pending}>
              {pending && <Spinner />}
              Save prices
            </Button>
          </div>
        </div>
      </form>
    </SectionCard>
  );
}
