"use client";
// The sign-up form: posts to the `signup` server action and shows its errors in place.
import Link from "next/link";
import { useActionState, useState } from "react";
import { CircleAlertIcon } from "lucide-react";

import { Alert, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, FieldDescription, FieldError, FieldGroup, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { signup } from "@/lib/auth/actions";
import type { AuthFormState } from "@/lib/auth/form-state";
import type { PlanId } from "@/lib/billing/plans";

const initialState: AuthFormState = {};

/** Name (optional), email and password; the chosen plan rides along as a hidden `plan` field. */
export function SignupForm({ plan }: { plan?: PlanId }) {
  const [state, formAction, pending] = useActionState(signup, initialState);
  const [password, setPassword] = useState("");
  const errors = state.fieldErrors ?? {};
  const passwordDescribedBy = ["password-hint", errors.password && "password-error"]
    .filter(Boolean)
    .join(" ");

  return (
    <form action={formAction} className="grid gap-5">
      {state.error && (
        <Alert variant="destructive">
          <CircleAlertIcon />
          <AlertTitle className="line-clamp-none leading-snug">{state.error}</AlertTitle>
        </Alert>
      )}
      {plan && <input type="hidden" name="plan" value={plan} />}
      <FieldGroup>
        <Field invalid={!!errors.name}>
          <FieldLabel htmlFor="name">
            Name <span className="text-muted-foreground font-normal">(optional)</span>
          </FieldLabel>
          <Input
            id="name"
            name="name"
            type="text"
            autoComplete="name"
            placeholder="Ada Lovelace"
            maxLength={100}
            defaultValue={state.values?.name}
            aria-invalid={!!errors.name || undefined}
            aria-describedby={errors.name ? "name-error" : undefined}
          />
          <FieldError id="name-error">{errors.name}</FieldError>
        </Field>
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
          <FieldError id="email-error">
            {state.emailTaken ? (
              <>
                An account with this email already exists.{" "}
                <Link href="/login" className="font-medium underline underline-offset-4">
                  Log in instead.
                </Link>
              </>
            ) : (
              errors.email
            )}
          </FieldError>
        </Field>
        <Field invalid={!!errors.password}>
          <FieldLabel htmlFor="password">Password</FieldLabel>
          <Input
            id="password"
            name="password"
            type="password"
            autoComplete="new-password"
            required
            minLength={10}
            // Controlled, so a server-side error does not clear what was typed.
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={!!errors.password || undefined}
            aria-describedby={passwordDescribedBy}
          />
          <FieldDescription id="password-hint">At least 10 characters</FieldDescription>
          <FieldError id="password-error">{errors.password}</FieldError>
        </Field>
      </FieldGroup>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? (
          <>
            <Spinner aria-hidden="true" />
            Creating account…
          </>
        ) : (
          "Create account"
        )}
      </Button>
      <p className="text-muted-foreground text-center text-xs leading-relaxed">
        Trading involves risk of loss. Tickpilot is software, not financial advice. By creating an account you
        accept the{" "}
        <Link href="/terms" className="text-foreground underline underline-offset-4">
          terms of service
        </Link>{" "}
        and the{" "}
        <Link href="/privacy" className="text-foreground underline underline-offset-4">
          privacy policy
        </Link>
        .
      </p>
    </form>
  );
}
