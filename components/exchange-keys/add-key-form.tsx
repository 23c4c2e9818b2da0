"use client";
// The add-key form: exchange, name, API key, secret (and OKX's passphrase) and testnet; the server checks the key
// with the exchange before saving, and its field errors show inline.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { ShieldCheckIcon } from "lucide-react";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { useHydrated } from "@/lib/hooks/use-hydrated";
import { Field, FieldDescription, FieldError, FieldGroup, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import { Switch } from "@/components/ui/switch";
import { CodeInput } from "@/components/account/code-input";
import { PASSPHRASE_EXCHANGES } from "@/lib/accounts/schemas";
import { callApi, type ApiFailure } from "./call-api";

const EMPTY = {
  exchange: "bybit",
  label: "",
  apiKey: "",
  apiSecret: "",
  apiPassphrase: "",
  testnet: false,
  code: "",
};

// What the form says per exchange: the select's label, a name to suggest, and where test keys come from (Binance
// USDⓈ-M keys are mainnet only: ccxt has no futures testnet for it any more).
const EXCHANGES: Record<string, { label: string; placeholder: string; testnet: string | null }> = {
  bybit: {
    label: "Bybit (USDT perpetuals)",
    placeholder: "Bybit main",
    testnet: "For keys made on testnet.bybit.com (no real funds).",
  },
  binanceusdm: { label: "Binance USDⓈ-M (USDT perpetuals)", placeholder: "Binance futures", testnet: null },
  okx: {
    label: "OKX (USDT swaps)",
    placeholder: "OKX main",
    testnet: "For keys made in OKX demo trading (no real funds).",
  },
};

/** What the account still needs before a live key can be added (a confirmed email, two-factor authentication). */
export interface KeyPrerequisites {
  emailVerified: boolean;
  twoFactor: boolean;
}

/** Add a trade-only exchange key; it needs a confirmed email, 2FA on, and a current code. */
export function AddKeyForm({
  canAdd,
  blockedTitle,
  blockedReason,
  prerequisites,
}: {
  canAdd: boolean;
  blockedTitle?: string;
  blockedReason?: string;
  prerequisites: KeyPrerequisites;
}) {
  const router = useRouter();
  const [form, setForm] = useState(EMPTY);
  const [error, setError] = useState<ApiFailure | null>(null);
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();
  const set = (k: keyof typeof EMPTY) => (v: string | boolean) => setForm((f) => ({ ...f, [k]: v }));
  const fieldError = (k: string) => error?.fields[k];
  const meta = EXCHANGES[form.exchange] ?? EXCHANGES.bybit!;
  const needsPassphrase = PASSPHRASE_EXCHANGES.includes(form.exchange);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    setError(null);
    // The passphrase goes only with an OKX key; the testnet flag only where the exchange has one.
    const { apiPassphrase, ...rest } = form;
    const body = {
      ...rest,
      testnet: Boolean(meta.testnet) && form.testnet,
      ...(needsPassphrase ? { apiPassphrase } : {}),
    };
    const res = await callApi<{ account: { label: string; keyHint: string } }>(
      "/api/exchange-keys",
      "POST",
      body,
    );
    setPending(false);
    // A code works once: whatever went wrong, the next try needs a fresh one.
    if (!res.ok) return (setError(res.error), setForm((f) => ({ ...f, code: "" })));
    setForm(EMPTY);
    toast.success(`${res.data.account.label} connected`, {
      description: `Key ${res.data.account.keyHint} checked and saved.`,
    });
    router.refresh();
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle>Add an exchange key</CardTitle>
        <CardDescription>
          We check the key with the exchange before saving it. Keys that can withdraw funds are refused.
        </CardDescription>
      </CardHeader>
      <CardContent>
        {!canAdd ? (
          <Alert data-testid="add-key-blocked">
            <ShieldCheckIcon />
            <AlertTitle>{blockedTitle ?? "Paper trading only"}</AlertTitle>
            <AlertDescription>{blockedReason}</AlertDescription>
          </Alert>
        ) : !prerequisites.emailVerified || !prerequisites.twoFactor ? (
          <Alert data-testid="key-prerequisites">
            <ShieldCheckIcon />
            <AlertTitle>Secure your account first</AlertTitle>
            <AlertDescription>
              <p>
                A key that can trade your money needs a confirmed email address and two-factor authentication:
              </p>
              <ul className="mt-1 list-disc pl-5">
                {!prerequisites.emailVerified && <li>Confirm your email address with the link we sent.</li>}
                {!prerequisites.twoFactor && <li>Turn on two-factor authentication.</li>}
              </ul>
              <Button asChild size="sm" className="mt-3">
                <Link href="/dashboard/security">Open security settings</Link>
              </Button>
            </AlertDescription>
          </Alert>
        ) : (
          <form onSubmit={submit} noValidate aria-label="Add an exchange key">
            <fieldset disabled={!hydrated} className="contents">
              <FieldGroup>
                {error && (
                  <Alert variant="destructive" role="alert" data-testid="add-key-error">
                    <AlertTitle>The key was not saved</AlertTitle>
                    <AlertDescription>{error.message}</AlertDescription>
                  </Alert>
                )}
                <div className="grid gap-5 sm:grid-cols-2 lg:grid-cols-1 2xl:grid-cols-2">
                  <Field invalid={!!fieldError("exchange")}>
                    <FieldLabel htmlFor="key-exchange">Exchange</FieldLabel>
                    <Select value={form.exchange} onValueChange={set("exchange")}>
                      <SelectTrigger id="key-exchange" className="w-full">
                        <SelectValue />
                      </SelectTrigger>
                      <SelectContent>
                        {Object.entries(EXCHANGES).map(([id, x]) => (
                          <SelectItem key={id} value={id}>
                            {x.label}
                          </SelectItem>
                        ))}
                      </SelectContent>
                    </Select>
                    <FieldError>{fieldError("exchange")}</FieldError>
                  </Field>
                  <Field invalid={!!fieldError("label")}>
                    <FieldLabel htmlFor="key-label">Name</FieldLabel>
                    <Input
                      id="key-label"
                      placeholder={meta.placeholder}
                      maxLength={64}
                      value={form.label}
                      onChange={(e) => set("label")(e.target.value)}
                      aria-invalid={!!fieldError("label")}
                      aria-describedby="key-label-error"
                    />
                    <FieldError id="key-label-error">{fieldError("label")}</FieldError>
                  </Field>
                </div>
                <Field invalid={!!fieldError("apiKey")}>
                  <FieldLabel htmlFor="key-api-key">API key</FieldLabel>
                  <Input
                    id="key-api-key"
                    autoComplete="off"
                    spellCheck={false}
                    className="font-mono"
                    value={form.apiKey}
                    onChange={(e) => set("apiKey")(e.target.value)}
                    aria-invalid={!!fieldError("apiKey")}
                    aria-describedby="key-api-key-error"
                  />
                  <FieldError id="key-api-key-error">{fieldError("apiKey")}</FieldError>
                </Field>
                <Field invalid={!!fieldError("apiSecret")}>
                  <FieldLabel htmlFor="key-api-secret">API secret</FieldLabel>
                  <Input
                    id="key-api-secret"
                    type="password"
                    autoComplete="new-password"
                    spellCheck={false}
                    className="font-mono"
                    value={form.apiSecret}
                    onChange={(e) => set("apiSecret")(e.target.value)}
                    aria-invalid={!!fieldError("apiSecret")}
                    aria-describedby="key-api-secret-error"
                  />
                  <FieldDescription>
                    Encrypted with AES-256-GCM as soon as it arrives, and never shown again.
                  </FieldDescription>
                  <FieldError id="key-api-secret-error">{fieldError("apiSecret")}</FieldError>
                </Field>
                {needsPassphrase && (
                  <Field invalid={!!fieldError("apiPassphrase")}>
                    <FieldLabel htmlFor="key-api-passphrase">Passphrase</FieldLabel>
                    <Input
                      id="key-api-passphrase"
                      type="password"
                      autoComplete="new-password"
                      spellCheck={false}
                      className="font-mono"
                      value={form.apiPassphrase}
                      onChange={(e) => set("apiPassphrase")(e.target.value)}
                      aria-invalid={!!fieldError("apiPassphrase")}
                      aria-describedby="key-api-passphrase-error"
                    />
                    <FieldDescription>
                      The passphrase you chose when you created the key on OKX. Encrypted like the secret.
                    </FieldDescription>
                    <FieldError id="key-api-passphrase-error">{fieldError("apiPassphrase")}</FieldError>
                  </Field>
                )}
                {meta.testnet && (
                  <div className="flex items-center justify-between gap-4 rounded-lg border px-3 py-2.5">
                    <div className="space-y-0.5">
                      <label htmlFor="key-testnet" className="text-sm font-medium">
                        Testnet key
                      </label>
                      <p className="text-muted-foreground text-xs">{meta.testnet}</p>
                    </div>
                    <Switch id="key-testnet" checked={form.testnet} onCheckedChange={set("testnet")} />
                  </div>
                )}
                <Field invalid={!!fieldError("code")}>
                  <FieldLabel htmlFor="key-code">Authentication code</FieldLabel>
                  <CodeInput
                    id="key-code"
                    value={form.code}
                    onChange={(e) => set("code")(e.target.value)}
                    invalid={!!fieldError("code")}
                    describedBy="key-code-error"
                  />
                  <FieldDescription>The current code from your authenticator app.</FieldDescription>
                  <FieldError id="key-code-error">{fieldError("code")}</FieldError>
                </Field>
                <Button type="submit" disabled={pending} className="w-full sm:w-auto sm:self-end">
                  {pending && <Spinner />}
                  {pending ? "Checking with the exchange…" : "Check and save key"}
                </Button>
              </FieldGroup>
            </fieldset>
          </form>
        )}
      </CardContent>
    </Card>
  );
}
