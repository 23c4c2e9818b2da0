"use client";
// The new-password form of a reset link: password twice, then "log in with it".
import Link from "next/link";
import { useState } from "react";
import { CircleCheckIcon } from "lucide-react";

import { FormAlert } from "@/components/account/form-alert";
import { Button } from "@/components/ui/button";
import { Field, FieldDescription, FieldError, FieldGroup, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { apiFetch, ApiError } from "@/lib/api/client";

/** POST /api/auth/password-reset/confirm with the link's token. */
export function ResetPasswordForm({ token }: { token: string }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<{ message?: string; password?: string; confirm?: string } | null>(null);
  const [done, setDone] = useState(false);

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const password = String(form.get("password") ?? "");
    if (password !== form.get("confirm")) return setError({ confirm: "The two passwords are not the same" });
    setPending(true);
    setError(null);
    try {
      await apiFetch("/api/auth/password-reset/confirm", { method: "POST", body: { token, password } });
      setDone(true);
    } catch (err) {
      const e2 = err instanceof ApiError ? err : new ApiError("Could not reach Tickpilot. Try again.", 0);
      setError(e2.fields.password ? { password: e2.fields.password } : { message: e2.message });
    } finally {
      setPending(false);
    }
  }

  if (done)
    return (
      <div className="grid justify-items-center gap-3 text-center" role="status">
        <div className="bg-success/10 text-success flex size-11 items-center justify-center rounded-full">
          <CircleCheckIcon className="size-5" aria-hidden="true" />
        </div>
        <p className="font-medium">Your password was changed</p>
        <p className="text-muted-foreground text-sm">Log in with the new password on each of your devices.</p>
        <Button asChild className="mt-2 w-full">
          <Link href="/login">Log in</Link>
        </Button>
      </div>
    );

  return (
    <form onSubmit={submit} noValidate className="grid gap-5">
      <FormAlert title={error?.message} />
      <FieldGroup>
        <Field invalid={!!error?.password}>
          <FieldLabel htmlFor="password">New password</FieldLabel>
          <Input
            id="password"
            name="password"
            type="password"
            autoComplete="new-password"
            required
            minLength={10}
            aria-invalid={!!error?.password || undefined}
            aria-describedby="password-hint password-error"
          />
          <FieldError id="password-error">{error?.password}</FieldError>
          <FieldDescription id="password-hint">
            At least 10 characters. A passphrase works well.
          </FieldDescription>
        </Field>
        <Field invalid={!!error?.confirm}>
          <FieldLabel htmlFor="confirm">Repeat the new password</FieldLabel>
          <Input
            id="confirm"
            name="confirm"
            type="password"
            autoComplete="new-password"
            required
            aria-invalid={!!error?.confirm || undefined}
            aria-describedby="confirm-error"
          />
          <FieldError id="confirm-error">{error?.confirm}</FieldError>
        </Field>
      </FieldGroup>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? (
          <>
            <Spinner aria-hidden="true" />
            Saving…
          </>
        ) : (
          "Set new password"
        )}
      </Button>
    </form>
  );
}
