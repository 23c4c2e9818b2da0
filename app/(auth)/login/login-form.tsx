"use client";
// The log-in form: posts to the `login` server action and shows its errors in place.
import Link from "next/link";
import { useActionState, useState } from "react";
import { CircleAlertIcon } from "lucide-react";

import { Alert, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, FieldError, FieldGroup, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { login } from "@/lib/auth/actions";
import type { AuthFormState } from "@/lib/auth/form-state";

const initialState: AuthFormState = {};

/** Email + password; `next` rides along as a hidden field for the redirect after success. */
export function LoginForm({ next }: { next?: string }) {
  const [state, formAction, pending] = useActionState(login, initialState);
  const [password, setPassword] = useState("");
  const errors = state.fieldErrors ?? {};

  return (
    <form action={formAction} className="grid gap-5">
      {state.error && (
        <Alert variant="destructive">
          <CircleAlertIcon />
          <AlertTitle className="line-clamp-none leading-snug">{state.error}</AlertTitle>
        </Alert>
      )}
      {next && <input type="hidden" name="next" value={next} />}
      <FieldGroup>
        <Field invalid={!!errors.email}>
          <FieldLabel htmlFor="email">Email</FieldLabel>
          <Input
            id="email"
            name="email"
            type="email"
            autoComplete="email"
            placeholder="you@example.com"
            required
            defaultValue={state.values?.email}
            aria-invalid={!!errors.email || undefined}
            aria-describedby={errors.email ? "email-error" : undefined}
          />
          <FieldError id="email-error">{errors.email}</FieldError>
        </Field>
        <Field invalid={!!errors.password}>
          <div className="flex items-center justify-between gap-2">
            <FieldLabel htmlFor="password">Password</FieldLabel>
            <Link
              href="/forgot-password"
              className="text-muted-foreground hover:text-primary text-xs underline-offset-4 hover:underline"
            >
              Forgot password?
            </Link>
          </div>
          <Input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            // Controlled, so a server-side error does not clear what was typed.
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={!!errors.password || undefined}
            aria-describedby={errors.password ? "password-error" : undefined}
          />
          <FieldError id="password-error">{errors.password}</FieldError>
        </Field>
      </FieldGroup>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? (
          <>
            <Spinner aria-hidden="true" />
            Signing in…
          </>
        ) : (
          "Log in"
        )}
      </Button>
    </form>
  );
}
