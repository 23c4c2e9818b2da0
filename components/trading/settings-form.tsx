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
import {
  effectiveLeverage,
  formLeverage,
  PROMPT_MAX,
  settingsFieldErrors,
  settingsPayload,
  type PlanLimits,
  type RiskLevelInfo,
} from "./settings-payload";

export interface SettingsFormValues {
  riskLevel: "low" | "medium" | "high";
  maxLeverage: number;
  minConfidence: number;
  customPrompt: string | null;
  dailyLossLimit: number | null;
}

const RISK_TITLES = { low: "Low", medium: "Medium", high: "High" } as const;

const percent = (fraction: number) =>
  `${(fraction * 100).toLocaleString("en-US", { maximumFractionDigits: 2 })} %`;

/** `riskLevels` come from the server's sizing and decision limits, so the cards and the hint match what runs. */
export function SettingsForm({
  initial,
  plan,
  riskLevels,
}: {
  initial: SettingsFormValues;
  plan: PlanLimits;
  riskLevels: RiskLevelInfo[];
}) {
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
  const level = riskLevels.find((r) => r.id === values.riskLevel) ?? riskLevels[0]!;
  const ordersUse = effectiveLeverage(Number(leverage), level, plan);

  function save() {
    setErrors({});
    setFormError(null);
    const fields = { riskLevel: values.riskLevel, leverage, confidence, lossLimit, prompt };
    const invalid = settingsFieldErrors(fields, plan);
    if (Object.keys(invalid).length > 0) return setErrors(invalid);
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
          // The form checks every field itself and shows all problems at once (the browser stops at the first).
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
        >
          <FieldGroup>
            <Field invalid={!!errors.riskLevel}>
              <FieldLabel>Risk level</FieldLabel>
              <div role="radiogroup" aria-label="Risk level" className="grid gap-3 sm:grid-cols-3">
                {riskLevels.map((r) => (
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
                    <span className="text-sm font-medium">{RISK_TITLES[r.id]}</span>
                    <span className="text-muted-foreground mt-1 block text-xs leading-snug">
                      {percent(r.riskFraction)} of equity at risk per trade; decisions propose up to{" "}
                      {r.leverageCap}x.
                    </span>
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
                <FieldDescription id="maxLeverage-hint" data-testid="leverage-hint">
                  Orders use at most <span className="text-foreground font-medium">{ordersUse}x</span>: the
                  lowest of this cap, the {RISK_TITLES[level.id].toLowerCase()} level&apos;s{" "}
                  {level.leverageCap}x and the {plan.name} plan&apos;s {plan.maxLeverage}x.
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
                  id="customPrompt-count"
                  data-testid="prompt-count"
                  className={cn(
                    "text-xs tabular-nums",
                    prompt.length > PROMPT_MAX ? "text-destructive font-medium" : "text-muted-foreground",
                  )}
                >
                  {prompt.length.toLocaleString("en-US")} / {PROMPT_MAX.toLocaleString("en-US")} characters
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
                aria-describedby="customPrompt-count customPrompt-hint customPrompt-error"
              />
              <FieldDescription id="customPrompt-hint">
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
