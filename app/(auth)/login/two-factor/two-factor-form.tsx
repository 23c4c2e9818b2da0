"use client";
// The code form of the second sign-in step: posts to the `verifyLoginCode` server action.
import { useActionState } from "react";

import { CodeInput } from "@/components/account/code-input";
import { FormAlert } from "@/components/account/form-alert";
import { Button } from "@/components/ui/button";
import { Field, FieldDescription, FieldError, FieldLabel } from "@/components/ui/field";
import { Spinner } from "@/components/ui/spinner";
import { verifyLoginCode } from "@/lib/auth/actions";
import type { AuthFormState } from "@/lib/auth/form-state";

const initialState: AuthFormState = {};

/** One field: the current code, or a recovery code when the phone is lost. */
export function TwoFactorForm() {
  const [state, formAction, pending] = useActionState(verifyLoginCode, initialState);
  const error = state.fieldErrors?.code;
  return (
    <form action={formAction} className="grid gap-5">
      <FormAlert title={state.error} />
      <Field invalid={!!error}>
        <FieldLabel htmlFor="code">Authentication code</FieldLabel>
        <CodeInput autoFocus required invalid={!!error} describedBy="code-hint code-error" />
        <FieldError id="code-error">{error}</FieldError>
        <FieldDescription id="code-hint">
          Lost your phone? Enter one of your recovery codes (like{" "}
          <span className="font-mono">abcde-12345</span>) instead.
        </FieldDescription>
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? (
          <>
            <Spinner aria-hidden="true" />
            Checking…
          </>
        ) : (
          "Verify and log in"
        )}
      </Button>
    </form>
  );
}
