"use client";
// Change password: the current one, then the new one twice. Other devices are signed out; this one stays.
import { useState } from "react";
import { toast } from "sonner";
import { KeyRoundIcon } from "lucide-react";

import { FormAlert } from "@/components/account/form-alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field, FieldDescription, FieldError, FieldGroup, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { apiFetch, ApiError } from "@/lib/api/client";

type Errors = Partial<Record<"currentPassword" | "newPassword" | "confirm" | "form", string>>;

function PasswordField(props: {
  name: string;
  label: string;
  error?: string;
  hint?: string;
  autoComplete: string;
}) {
  return (
    <Field invalid={!!props.error}>
      <FieldLabel htmlFor={props.name}>{props.label}</FieldLabel>
      <Input
        id={props.name}
        name={props.name}
        type="password"
        autoComplete={props.autoComplete}
        required
        aria-invalid={!!props.error || undefined}
        aria-describedby={`${props.name}-error${props.hint ? ` ${props.name}-hint` : ""}`}
      />
      <FieldError id={`${props.name}-error`}>{props.error}</FieldError>
      {props.hint && <FieldDescription id={`${props.name}-hint`}>{props.hint}</FieldDescription>}
    </Field>
  );
}

/** POST /api/account/password. */
export function PasswordCard() {
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<Errors>({});

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const body = {
      currentPassword: String(form.get("currentPassword")),
      newPassword: String(form.get("newPassword")),
    };
    if (body.newPassword !== form.get("confirm"))
      return setErrors({ confirm: "The two passwords are not the same" });
    setPending(true);
    setErrors({});
    try {
      const res = await apiFetch<{ otherSessionsEnded: number }>("/api/account/password", {
        method: "POST",
        body,
      });
      formEl.reset();
      toast.success("Password changed", {
        description:
          res.otherSessionsEnded > 0
            ? `${res.otherSessionsEnded} other session${res.otherSessionsEnded > 1 ? "s were" : " was"} signed out.`
            : "No other device was signed in.",
      });
    } catch (err) {
      if (err instanceof ApiError && Object.keys(err.fields).length > 0) setErrors(err.fields);
      else
        setErrors({ form: err instanceof ApiError ? err.message : "Could not reach Tickpilot. Try again." });
    } finally {
      setPending(false);
    }
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <KeyRoundIcon className="text-muted-foreground size-4" aria-hidden="true" />
          Password
        </CardTitle>
        <CardDescription>Changing it signs out every other device. You stay signed in here.</CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={submit} noValidate aria-label="Change password" className="grid gap-5">
          <FormAlert title={errors.form} />
          <FieldGroup className="sm:grid sm:grid-cols-3 sm:items-start sm:gap-4">
            <PasswordField
              name="currentPassword"
              label="Current password"
              autoComplete="current-password"
              error={errors.currentPassword}
            />
            <PasswordField
              name="newPassword"
              label="New password"
              autoComplete="new-password"
              error={errors.newPassword}
              hint="At least 10 characters."
            />
            <PasswordField
              name="confirm"
              label="Repeat new password"
              autoComplete="new-password"
              error={errors.confirm}
            />
          </FieldGroup>
          <div className="flex justify-end">
            <Button type="submit" disabled={pending}>
              {pending && <Spinner aria-hidden="true" />}
              Change password
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
