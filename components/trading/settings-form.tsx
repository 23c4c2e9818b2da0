"use client";
// The risk settings form: PUT /api/settings with inline field errors; plan limits shown next to each control.
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Field, FieldDescription, FieldError, FieldGroup, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { Textarea } from "@/components/ui/textarea";
import { ApiError, apiFetch } from "@/lib/api/client";
import { cn } from "@/lib/utils";
import { formLeverage, settingsPayload, type PlanLimits } from "./settings-payload";

export interface SettingsFormValues {
  riskLevel: "low" | "medium" | "high";
  maxLeverage: number;
  minConfidence: number;
  customPrompt: string | null;
  dailyLossLimit: number | null;
}

const RISK = [
  { id: "low", title: "Low", text: "0.5 % of equity at risk per trade, leverage up to 3x offered." },
  { id: "medium", title: "Medium", text: "1 % of equity at risk per trade, leverage up to 5x offered." },
  { id: "high", title: "High", text: "2 % of equity at risk per trade, leverage up to 10x offered." },
] as const;

export function SettingsForm({ initial, plan }: { initial: SettingsFormValues; plan: PlanLimits }) {
  const [values, setValues] = useState(initial);
  const [leverage, setLeverage] = useState(String(formLeverage(initial.maxLeverage, plan)));
  const [confidence, setConfidence] = useState(String(Math.round(initial.minConfidence * 100)));
  const [lossLimit, setLossLimit] = useState(
    initial.dailyLossLimit === null ? "" : String(initial.dailyLossLimit),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const prompt = values.customPrompt ?? "";

  function save() {
    setErrors({});
    setFormError(null);
    const fields = { riskLevel: values.riskLevel, leverage, confidence, lossLimit, prompt };
    const body = settingsPayload(fields, initial.maxLeverage, plan);
    startTransition(async () => {
      try {
        await apiFetch("/api/settings", { method: "PUT", body });
        toast.success("Settings saved. They apply from the next decision.");
      } catch (err) {
        if (err instanceof ApiError) {
          setErrors(err.fields);
          if (Object.keys(err.fields).length === 0) setFormError(err.message);
        } else setFormError("Could not reach the server. Try again.");
      }
    });
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle>Risk settings</CardTitle>
        <CardDescription>
          Every order is sized and capped by these limits, whatever the decision says.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form
          id="settings-form"
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
        >
          <FieldGroup>
            <Field invalid={!!errors.riskLevel}>
              <FieldLabel>Risk level</FieldLabel>
              <div role="radiogroup" aria-label="Risk level" className="grid gap-3 sm:grid-cols-3">
                {RISK.map((r) => (
                  <button
                    type="button"
                    role="radio"
                    aria-checked={values.riskLevel === r.id}
                    key={r.id}
                    onClick={() => setValues({ ...values, riskLevel: r.id })}
                    className={cn(
                      "hover:border-primary/60 rounded-lg border p-3 text-left transition-colors",
                      values.riskLevel === r.id
                        ? "border-primary bg-primary/5 ring-primary/30 ring-2"
                        : "border-border",
                    )}
                  >
                    <span className="text-sm font-medium">{r.title}</span>
                    <span className="text-muted-foreground mt-1 block text-xs leading-snug">{r.text}</span>
                  </button>
                ))}
              </div>
              <FieldError>{errors.riskLevel}</FieldError>
            </Field>
            <div className="grid gap-5 sm:grid-cols-3">
              <Field invalid={!!errors.maxLeverage}>
                <FieldLabel htmlFor="maxLeverage">Max leverage</FieldLabel>
                <Input
                  id="maxLeverage"
                  name="maxLeverage"
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={plan.maxLeverage}
                  step={1}
                  value={leverage}
                  onChange={(e) => setLeverage(e.target.value)}
                  aria-invalid={!!errors.maxLeverage}
                  aria-describedby="maxLeverage-hint maxLeverage-error"
                />
                <FieldDescription id="maxLeverage-hint">
                  1–{plan.maxLeverage}x on the {plan.name} plan.
                  {initial.maxLeverage > plan.maxLeverage &&
                    ` Your saved ${initial.maxLeverage}x is kept for when you upgrade.`}
                </FieldDescription>
                <FieldError id="maxLeverage-error">{errors.maxLeverage}</FieldError>
              </Field>
              <Field invalid={!!errors.minConfidence}>
                <FieldLabel htmlFor="minConfidence">Minimum confidence (%)</FieldLabel>
                <Input
                  id="minConfidence"
                  name="minConfidence"
                  type="number"
                  inputMode="numeric"
                  min={0}
                  max={100}
                  step={1}
                  value={confidence}
                  onChange={(e) => setConfidence(e.target.value)}
                  aria-invalid={!!errors.minConfidence}
                  aria-describedby="minConfidence-hint minConfidence-error"
                />
                <FieldDescription id="minConfidence-hint">Decisions below this are skipped.</FieldDescription>
                <FieldError id="minConfidence-error">{errors.minConfidence}</FieldError>
              </Field>
              <Field invalid={!!errors.dailyLossLimit}>
                <FieldLabel htmlFor="dailyLossLimit">Daily loss limit (USDT)</FieldLabel>
                <Input
                  id="dailyLossLimit"
                  name="dailyLossLimit"
                  type="number"
                  inputMode="decimal"
                  min={0}
                  step="any"
                  placeholder="No limit"
                  value={lossLimit}
                  onChange={(e) => setLossLimit(e.target.value)}
                  aria-invalid={!!errors.dailyLossLimit}
                  aria-describedby="dailyLossLimit-hint dailyLossLimit-error"
                />
                <FieldDescription id="dailyLossLimit-hint">
                  Auto-trading switches off when today&apos;s loss reaches it.
                </FieldDescription>
                <FieldError id="dailyLossLimit-error">{errors.dailyLossLimit}</FieldError>
              </Field>
            </div>
            <Field invalid={!!errors.customPrompt}>
              <div className="flex items-center justify-between">
                <FieldLabel htmlFor="customPrompt">Custom strategy prompt</FieldLabel>
                <span
                  className={cn(
                    "text-xs tabular-nums",
                    prompt.length > 2000 ? "text-destructive" : "text-muted-foreground",
                  )}
                >
                  {prompt.length}/2000
                </span>
              </div>
              <Textarea
                id="customPrompt"
                name="customPrompt"
                rows={4}
                disabled={!plan.customPrompt}
                placeholder={
                  plan.customPrompt
                    ? "e.g. Only trade in the direction of the 1h trend; avoid trading within 30 minutes of the US open."
                    : `Custom prompts are part of the Pro and Elite plans (you are on ${plan.name}).`
                }
                value={prompt}
                onChange={(e) => setValues({ ...values, customPrompt: e.target.value })}
                aria-invalid={!!errors.customPrompt}
                aria-describedby="customPrompt-error"
              />
              <FieldDescription>
                {!plan.customPrompt && prompt
                  ? `Kept but not used on the ${plan.name} plan: decisions use the default prompt until you upgrade.`
                  : "Users with the same prompt and risk level share one AI decision per tick."}
              </FieldDescription>
              <FieldError id="customPrompt-error">{errors.customPrompt}</FieldError>
            </Field>
            {formError ? (
              <p role="alert" className="text-destructive text-sm font-medium">
                {formError}
              </p>
            ) : null}
          </FieldGroup>
        </form>
      </CardContent>
      <CardFooter className="justify-end border-t">
        <Button type="submit" form="settings-form" disabled={pending}>
          {pending ? <Spinner /> : null}
          {pending ? "Saving…" : "Save settings"}
        </Button>
      </CardFooter>
    </Card>
  );
}
