"use client";
// The "new backtest" form: a period (the bundled month or the stored live series, in UTC), a risk level and the
// strategy — the built-in one, or the language model (with the user's custom prompt) where the plan allows it,
// within a budget. POST /api/backtests; every refusal is shown as the server words it.
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { FlaskConicalIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Field, FieldError, FieldGroup, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { ApiError, apiFetch } from "@/lib/api/client";
import type { RunView } from "@/lib/backtest/runs";
import { formatUsd } from "@/lib/utils";
import { ChoiceCard } from "./choice-card";
import { LlmOptions } from "./llm-options";

type Range = { from: number; to: number };
type Level = "low" | "medium" | "high";

export interface BacktestFormProps {
  symbol: string;
  sources: { bundled: Range; live: Range | null };
  llm: {
    planAllows: boolean;
    planName: string;
    configured: boolean;
    hasCustomPrompt: boolean;
    maxCostUsd: number;
    dailyUsd: number;
    spentUsd: number;
  };
  account: { riskLevel: Level; maxLeverage: number; minConfidence: number };
  busy: boolean;
  onStarted: (run: RunView) => void;
}

// <input type="datetime-local"> values, read and written as UTC.
const toInput = (t: number) => new Date(t).toISOString().slice(0, 16);
const fromInput = (v: string) => `${v}:00Z`;
const range = (r: Range) => `${toInput(r.from).replace("T", " ")} – ${toInput(r.to).replace("T", " ")} UTC`;

export function BacktestForm({ sources, llm, account, busy, onStarted }: BacktestFormProps) {
  const [source, setSource] = useState<"bundled" | "live">("bundled");
  const data = source === "live" && sources.live ? sources.live : sources.bundled;
  const [from, setFrom] = useState(toInput(sources.bundled.from));
  const [to, setTo] = useState(toInput(sources.bundled.to));
  const [level, setLevel] = useState<Level>(account.riskLevel);
  const [strategy, setStrategy] = useState<"builtin" | "llm">("builtin");
  const [useCustomPrompt, setUseCustomPrompt] = useState(false);
  const [budget, setBudget] = useState(String(llm.maxCostUsd));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const llmBlocked = !llm.planAllows
    ? `Part of the Pro and Elite plans (you are on ${llm.planName}).`
    : !llm.configured
      ? "No language model is configured on this installation."
      : null;

  const pickSource = (s: "bundled" | "live") => {
    const r = s === "live" && sources.live ? sources.live : sources.bundled;
    setSource(s);
    setFrom(toInput(r.from));
    setTo(toInput(r.to));
  };

  function submit() {
    setErrors({});
    setFormError(null);
    const body = {
      source,
      riskLevel: level,
      from: fromInput(from),
      to: fromInput(to),
      strategy,
      ...(strategy === "llm" ? { useCustomPrompt, maxCostUsd: Number(budget) } : {}),
    };
    start(async () => {
      try {
        const { run } = await apiFetch<{ run: RunView }>("/api/backtests", { method: "POST", body });
        toast.success("Backtest started. Progress shows on the right.");
        onStarted(run);
      } catch (err) {
        if (err instanceof ApiError) {
          setErrors(err.fields);
          setFormError(err.message);
        } else setFormError("Could not reach the server. Try again.");
      }
    });
  }

  return (
    <Card data-testid="backtest-form">
      <CardHeader>
        <CardTitle>New backtest</CardTitle>
        <CardDescription>
          Trades with your settings: up to {account.maxLeverage}x, minimum confidence{" "}
          {Math.round(account.minConfidence * 100)} %, 10,000 USDT on the paper exchange&apos;s fees and
          slippage.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form
          id="backtest-form"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <FieldGroup>
            <Field invalid={!!errors.source}>
              <FieldLabel>Candles</FieldLabel>
              <div role="radiogroup" aria-label="Candles" className="grid gap-2">
                <ChoiceCard
                  checked={source === "bundled"}
                  onSelect={() => pickSource("bundled")}
                  title="December 2024"
                  text={`Real Binance BTC/USDT 1m candles · ${range(sources.bundled)}`}
                  testId="source-bundled"
                />
                <ChoiceCard
                  checked={source === "live"}
                  disabled={!sources.live}
                  onSelect={() => pickSource("live")}
                  title="The live series"
                  text={
                    sources.live
                      ? `What the feed stored · ${range(sources.live)}`
                      : "Not enough live candles stored yet."
                  }
                  testId="source-live"
                />
              </div>
              <FieldError>{errors.source}</FieldError>
            </Field>
            <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-1">
              <Field invalid={!!errors.from}>
                <FieldLabel htmlFor="bt-from">From (UTC)</FieldLabel>
                <Input
                  id="bt-from"
                  type="datetime-local"
                  value={from}
                  min={toInput(data.from)}
                  max={toInput(data.to)}
                  onChange={(e) => setFrom(e.target.value)}
                  required
                />
                <FieldError>{errors.from}</FieldError>
              </Field>
              <Field invalid={!!errors.to}>
                <FieldLabel htmlFor="bt-to">To (UTC)</FieldLabel>
                <Input
                  id="bt-to"
                  type="datetime-local"
                  value={to}
                  min={toInput(data.from)}
                  max={toInput(data.to)}
                  onChange={(e) => setTo(e.target.value)}
                  required
                />
                <FieldError>{errors.to}</FieldError>
              </Field>
            </div>
            <Field invalid={!!errors.riskLevel}>
              <FieldLabel>Risk level</FieldLabel>
              <div role="radiogroup" aria-label="Risk level" className="grid grid-cols-3 gap-2">
                {(["low", "medium", "high"] as const).map((l) => (
                  <ChoiceCard
                    key={l}
                    checked={level === l}
                    onSelect={() => setLevel(l)}
                    title={l[0]!.toUpperCase() + l.slice(1)}
                    text={{ low: "0.5 % a trade", medium: "1 % a trade", high: "2 % a trade" }[l]}
                    testId={`level-${l}`}
                  />
                ))}
              </div>
            </Field>
            <Field invalid={!!errors.strategy}>
              <FieldLabel>Strategy</FieldLabel>
              <div role="radiogroup" aria-label="Strategy" className="grid gap-2">
                <ChoiceCard
                  checked={strategy === "builtin"}
                  onSelect={() => setStrategy("builtin")}
                  title="Built-in strategy"
                  text="The default indicator strategy. Free, takes a few seconds."
                  testId="strategy-builtin"
                />
                <ChoiceCard
                  checked={strategy === "llm"}
                  disabled={llmBlocked !== null}
                  onSelect={() => setStrategy("llm")}
                  title="Language model"
                  text={
                    llmBlocked ??
                    `Each distinct prompt is asked once, ever. Today: ${formatUsd(llm.spentUsd)} of ${formatUsd(llm.dailyUsd)} used.`
                  }
                  testId="strategy-llm"
                />
              </div>
            </Field>
            {strategy === "llm" && (
              <LlmOptions
                llm={llm}
                useCustomPrompt={useCustomPrompt}
                onUseCustomPrompt={setUseCustomPrompt}
                budget={budget}
                onBudget={setBudget}
                error={errors.maxCostUsd}
              />
            )}
            {formError && (
              <p className="text-destructive text-sm" role="alert" data-testid="backtest-form-error">
                {formError}
              </p>
            )}
          </FieldGroup>
        </form>
      </CardContent>
      <CardFooter>
        <Button
          type="submit"
          form="backtest-form"
          className="w-full"
          disabled={pending || busy}
          data-testid="start-backtest"
        >
          {pending ? <Spinner /> : <FlaskConicalIcon />}
          {busy ? "A backtest is running…" : "Run backtest"}
        </Button>
      </CardFooter>
    </Card>
  );
}
