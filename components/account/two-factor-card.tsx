"use client";
// Two-factor authentication: set it up (QR code or key, then a first code), see the recovery codes once, and turn
// it off with a code (not for admins, who must keep it).
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { ShieldCheckIcon } from "lucide-react";

import { CodeInput } from "@/components/account/code-input";
import { FormAlert } from "@/components/account/form-alert";
import { RecoveryCodes } from "@/components/account/recovery-codes";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Field, FieldError, FieldLabel } from "@/components/ui/field";
import { Spinner } from "@/components/ui/spinner";
import { apiFetch, ApiError } from "@/lib/api/client";

type Setup = { secret: string; qrSvg: string };

/** The card's state comes from the server; the steps live here until the page refreshes. */
export function TwoFactorCard(props: { enabled: boolean; recoveryLeft: number; isAdmin: boolean }) {
  const router = useRouter();
  const [setup, setSetup] = useState<Setup | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [disabling, setDisabling] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<{ message?: string; code?: string } | null>(null);

  async function run<T>(fn: () => Promise<T>): Promise<T | null> {
    setPending(true);
    setError(null);
    try {
      return await fn();
    } catch (err) {
      const e = err instanceof ApiError ? err : new ApiError("Could not reach Tickpilot. Try again.", 0);
      setError(e.fields.code ? { code: e.fields.code } : { message: e.message });
      return null;
    } finally {
      setPending(false);
    }
  }

  const start = () =>
    run(() => apiFetch<Setup>("/api/account/two-factor/setup", { method: "POST" })).then(
      (s) => s && setSetup(s),
    );

  async function submitCode(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const code = String(new FormData(e.currentTarget).get("code") ?? "");
    if (disabling) {
      const ok = await run(() =>
        apiFetch("/api/account/two-factor/disable", { method: "POST", body: { code } }),
      );
      if (ok) {
        toast.success("Two-factor authentication is off");
        setDisabling(false);
        router.refresh();
      }
      return;
    }
    const res = await run(() =>
      apiFetch<{ recoveryCodes: string[] }>("/api/account/two-factor/confirm", {
        method: "POST",
        body: { code },
      }),
    );
    if (res) {
      setSetup(null);
      setCodes(res.recoveryCodes);
    }
  }

  const codeForm = (label: string, action: string) => (
    <form onSubmit={submitCode} noValidate className="grid gap-4 sm:max-w-sm" aria-label={action}>
      <FormAlert title={error?.message} />
      <Field invalid={!!error?.code}>
        <FieldLabel htmlFor="two-factor-code">{label}</FieldLabel>
        <CodeInput
          id="two-factor-code"
          autoFocus
          required
          invalid={!!error?.code}
          describedBy="two-factor-code-error"
        />
        <FieldError id="two-factor-code-error">{error?.code}</FieldError>
      </Field>
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {pending && <Spinner aria-hidden="true" />}
          {action}
        </Button>
        <Button
          type="button"
          variant="ghost"
          onClick={() => (setSetup(null), setDisabling(false), setError(null))}
        >
          Cancel
        </Button>
      </div>
    </form>
  );

  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex flex-wrap items-center gap-2">
          <ShieldCheckIcon className="text-muted-foreground size-4" aria-hidden="true" />
          Two-factor authentication
          {props.enabled ? <Badge variant="success">On</Badge> : <Badge variant="muted">Off</Badge>}
        </CardTitle>
        <CardDescription>
          {props.enabled
            ? `Signing in asks for a code from your authenticator app. ${props.recoveryLeft} of 10 recovery codes left.`
            : "A code from an authenticator app (1Password, Google Authenticator, Authy…) on top of your password. Needed to add or remove a live exchange key."}
        </CardDescription>
      </CardHeader>
      {(setup || codes || disabling) && (
        <CardContent>
          {codes ? (
            <RecoveryCodes codes={codes} onDone={() => (setCodes(null), router.refresh())} />
          ) : setup ? (
            <div className="grid gap-6 md:grid-cols-[auto_1fr] md:items-start">
              <div
                className="size-44 justify-self-center rounded-lg border bg-white p-2 md:justify-self-start"
                role="img"
                aria-label="QR code to scan with your authenticator app"
                dangerouslySetInnerHTML={{ __html: setup.qrSvg }}
              />
              <div className="grid gap-4">
                <div className="text-sm">
                  <p className="font-medium">1. Scan the QR code with your authenticator app</p>
                  <p className="text-muted-foreground mt-1">Or enter this key by hand:</p>
                  <code
                    className="bg-muted mt-2 block rounded-md px-3 py-2 font-mono text-sm break-all"
                    data-testid="totp-secret"
                  >
                    {setup.secret.match(/.{1,4}/g)?.join(" ")}
                  </code>
                </div>
                {codeForm("2. Enter the 6-digit code it shows", "Turn on")}
              </div>
            </div>
          ) : (
            codeForm("Enter a code from your app (or a recovery code) to turn it off", "Turn off")
          )}
        </CardContent>
      )}
      {!setup && !codes && !disabling && (
        <CardFooter className="justify-end border-t">
          {!props.enabled ? (
            <Button onClick={start} disabled={pending}>
              {pending && <Spinner aria-hidden="true" />}
              Set up two-factor authentication
            </Button>
          ) : props.isAdmin ? (
            <p className="text-muted-foreground text-sm">Admins keep two-factor authentication on.</p>
          ) : (
            <Button variant="outline" onClick={() => setDisabling(true)}>
              Turn off
            </Button>
          )}
        </CardFooter>
      )}
      {error?.message && !setup && !disabling && (
        <CardContent>
          <FormAlert title={error.message} />
        </CardContent>
      )}
    </Card>
  );
}
