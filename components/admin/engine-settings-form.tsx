"use client";
// Decision engine settings: provider, model, tick interval and daily token budget (blank = env default).
import { useState } from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";

import { Button } from "@/components/ui/button";
import { Field, FieldDescription, FieldError, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import { AdminFetchError, adminFetch } from "./admin-fetch";
import { SectionCard } from "./section-card";

interface Props {
  stored: {
    provider: "builtin" | "openai" | null;
    model: string | null;
    tickIntervalMinutes: number | null;
    dailyTokenBudget: number | null;
  };
  defaults: {
    provider: string;
    model: string;
    tickIntervalMinutes: number;
    dailyTokenBudget: number;
    dailyTokenBudgetSource: string;
  };
}

const DEFAULT = "default";

function toIntOrNull(raw: string): number | null | string {
  const t = raw.trim();
  if (t === "") return null;
  return /^\d+$/.test(t) ? Number(t) : t; // a non-number goes to the server, which names the field
}

/** The form; only changed fields are sent, each change is audited on the server. */
export function EngineSettingsForm({ stored, defaults }: Props) {
  const router = useRouter();
  const [provider, setProvider] = useState<string>(stored.provider ?? DEFAULT);
  const [model, setModel] = useState(stored.model ?? "");
  const [tick, setTick] = useState(stored.tickIntervalMinutes?.toString() ?? "");
  const [budget, setBudget] = useState(stored.dailyTokenBudget?.toString() ?? "");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const next = {
      provider: provider === DEFAULT ? null : provider,
      model: model.trim() === "" ? null : model.trim(),
      tickIntervalMinutes: toIntOrNull(tick),
      dailyTokenBudget: toIntOrNull(budget),
    };
    const patch = Object.fromEntries(
      Object.entries(next).filter(
        ([k, v]) => JSON.stringify(v) !== JSON.stringify(stored[k as keyof Props["stored"]]),
      ),
    );
    if (Object.keys(patch).length === 0) {
      toast.info("Nothing changed");
      return;
    }
    setPending(true);
    setErrors({});
    try {
      await adminFetch("/api/admin/settings", { method: "PUT", body: patch });
      toast.success("Settings saved — they apply from the next tick");
      router.refresh();
    } catch (err) {
      if (err instanceof AdminFetchError) setErrors(err.fields);
      toast.error((err as Error).message);
    } finally {
      setPending(false);
    }
  }

  return (
    <SectionCard
      title="Decision engine"
      description="Leave a field blank to use the server's default (shown as the placeholder)."
    >
      <form onSubmit={submit} className="grid gap-5 sm:grid-cols-2" noValidate>
        <Field invalid={!!errors.provider}>
          <FieldLabel htmlFor="provider">Provider</FieldLabel>
          <Select value={provider} onValueChange={setProvider}>
            <SelectTrigger id="provider" className="w-full">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value={DEFAULT}>Default ({defaults.provider})</SelectItem>
              <SelectItem value="builtin">Built-in indicator strategy</SelectItem>
              <SelectItem value="openai">OpenAI-compatible LLM</SelectItem>
            </SelectContent>
          </Select>
          <FieldError>{errors.provider}</FieldError>
        </Field>
        <Field invalid={!!errors.model}>
          <FieldLabel htmlFor="model">Model</FieldLabel>
          <Input
            id="model"
            value={model}
            onChange={(e) => setModel(e.target.value)}
            placeholder={defaults.model}
            maxLength={64}
            aria-invalid={!!errors.model}
          />
          <FieldDescription>Used by the OpenAI-compatible provider.</FieldDescription>
          <FieldError>{errors.model}</FieldError>
        </Field>
        <Field invalid={!!errors.tickIntervalMinutes}>
          <FieldLabel htmlFor="tick">Tick interval (minutes)</FieldLabel>
          <Input
            id="tick"
            inputMode="numeric"
            value={tick}
            onChange={(e) => setTick(e.target.value)}
            placeholder={
              Number.isInteger(defaults.tickIntervalMinutes)
                ? String(defaults.tickIntervalMinutes)
                : `${Math.round(defaults.tickIntervalMinutes * 60)} s (from TICK_INTERVAL_SECONDS)`
            }
            aria-invalid={!!errors.tickIntervalMinutes}
          />
          <FieldDescription>1–240. The scheduler picks it up at the next tick.</FieldDescription>
          <FieldError>{errors.tickIntervalMinutes}</FieldError>
        </Field>
        <Field invalid={!!errors.dailyTokenBudget}>
          <FieldLabel htmlFor="budget">Daily token budget</FieldLabel>
          <Input
            id="budget"
            inputMode="numeric"
            value={budget}
            onChange={(e) => setBudget(e.target.value)}
            placeholder={defaults.dailyTokenBudget.toLocaleString("en-US")}
            aria-invalid={!!errors.dailyTokenBudget}
          />
          <FieldDescription>
            LLM tokens per UTC day across all symbols, enforced by the decision loop. Default{" "}
            {defaults.dailyTokenBudgetSource}.
          </FieldDescription>
          <FieldError>{errors.dailyTokenBudget}</FieldError>
        </Field>
        <div className="flex justify-end sm:col-span-2">
          <Button type="submit" disabled={pending}>
            {pending && <Spinner />}
            Save changes
          </Button>
        </div>
      </form>
    </SectionCard>
  );
}
