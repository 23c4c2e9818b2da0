"use client";
// The language-model part of the backtest form: the user's custom prompt (when one is saved) and the run's budget.
import { Checkbox } from "@/components/ui/checkbox";
import { Field, FieldDescription, FieldError, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { formatUsd } from "@/lib/utils";

/** The custom-prompt switch and the budget field (`error` is the server's message for the budget). */
export function LlmOptions(props: {
  llm: { hasCustomPrompt: boolean; maxCostUsd: number };
  useCustomPrompt: boolean;
  onUseCustomPrompt: (on: boolean) => void;
  budget: string;
  onBudget: (value: string) => void;
  error?: string;
}) {
  return (
    <div className="grid gap-3 rounded-lg border p-3">
      <div className="flex items-start gap-2">
        <Checkbox
          id="bt-prompt"
          checked={props.useCustomPrompt}
          disabled={!props.llm.hasCustomPrompt}
          onCheckedChange={(v) => props.onUseCustomPrompt(v === true)}
        />
        <Label htmlFor="bt-prompt" className="text-sm leading-snug font-normal">
          {props.llm.hasCustomPrompt
            ? "Use my custom prompt"
            : "Use my custom prompt (save one in Settings first)"}
        </Label>
      </div>
      <Field invalid={!!props.error}>
        <FieldLabel htmlFor="bt-budget">Budget (USD)</FieldLabel>
        <Input
          id="bt-budget"
          type="number"
          min={0.01}
          step={0.01}
          max={props.llm.maxCostUsd}
          value={props.budget}
          onChange={(e) => props.onBudget(e.target.value)}
        />
        <FieldDescription>
          The run stops before it would spend more (at most {formatUsd(props.llm.maxCostUsd)}).
        </FieldDescription>
        <FieldError>{props.error}</FieldError>
      </Field>
    </div>
  );
}
