"use client";
// The reset request form: one email field; the answer never says whether an account has that address.
import { useState } from "react";
import { MailCheckIcon } from "lucide-react";

import { FormAlert } from "@/components/account/form-alert";
import { Button } from "@/components/ui/button";
import { Field, FieldError, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { apiFetch, ApiError } from "@/lib/api/client";

/** Email → POST /api/auth/password-reset → "check your inbox". */
export function ForgotPasswordForm() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [sent, setSent] = useState<string | null>(null);

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const email = String(new FormData(e.currentTarget).get("email") ?? "");
    setPending(true);
    setError(null);
    try {
      const res = await apiFetch<{ message: string }>("/api/auth/password-reset", {
        method: "POST",
        body: { email },
      });
      setSent(res.message);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError("Could not reach Tickpilot. Try again.", 0));
    } finally {
      setPending(false);
    }
  }

  if (sent)
    return (
      <div className="grid justify-items-center gap-3 py-2 text-center" role="status">
        <div className="bg-success/10 text-success flex size-11 items-center justify-center rounded-full">
          <MailCheckIcon className="size-5" aria-hidden="true" />
        </div>
        <p className="font-medium">Check your inbox</p>
        <p className="text-muted-foreground text-sm">{sent} The link works once and expires in an hour.</p>
      </div>
    );

  const fieldError = error?.fields.email;
  return (
    <form onSubmit={submit} noValidate className="grid gap-5">
      <FormAlert title={!fieldError ? error?.message : null} />
      <Field invalid={!!fieldError}>
        <FieldLabel htmlFor="email">Email</FieldLabel>
        <Input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          placeholder="you@example.com"
          required
          aria-invalid={!!fieldError || undefined}
          aria-describedby={fieldError ? "email-error" : undefined}
        />
        <FieldError id="email-error">{fieldError}</FieldError>
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? (
          <>
            <Spinner aria-hidden="true" />
            Sending…
          </>
        ) : (
          "Send reset link"
        )}
      </Button>
    </form>
  );
}
