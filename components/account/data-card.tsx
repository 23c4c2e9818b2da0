"use client";
// Your data: download everything as JSON, or delete the account (password, a 2FA code when on, and "DELETE").
import { useState } from "react";
import { DatabaseIcon, DownloadIcon, Trash2Icon } from "lucide-react";

import { CodeInput } from "@/components/account/code-input";
import { FormAlert } from "@/components/account/form-alert";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { Field, FieldError, FieldGroup, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { apiFetch, ApiError } from "@/lib/api/client";
import { logout } from "@/lib/auth/actions";

/** Export and deletion; `twoFactor` adds the code field to the deletion form. */
export function DataCard({ twoFactor }: { twoFactor: boolean }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function remove(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const body = {
      password: String(form.get("password") ?? ""),
      confirm: String(form.get("confirm") ?? ""),
      ...(twoFactor ? { code: String(form.get("code") ?? "") } : {}),
    };
    setPending(true);
    setError(null);
    try {
      await apiFetch("/api/account", { method: "DELETE", body });
      await logout();
    } catch (err) {
      // logout() ends by redirecting (a thrown redirect): only API errors are shown.
      if (err instanceof ApiError) setError(err);
      else throw err;
    } finally {
      setPending(false);
    }
  }

  const f = error?.fields ?? {};
  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <DatabaseIcon className="text-muted-foreground size-4" aria-hidden="true" />
          Your data
        </CardTitle>
        <CardDescription>
          Download everything Tickpilot keeps about you (profile, settings, accounts without keys, orders,
          sessions, security events) as JSON, or delete your account for good.
        </CardDescription>
      </CardHeader>
      <CardFooter className="flex-wrap justify-between gap-2 border-t">
        <Button variant="outline" asChild>
          <a href="/api/account/export" download>
            <DownloadIcon />
            Download my data
          </a>
        </Button>
        <Dialog onOpenChange={() => setError(null)}>
          <DialogTrigger asChild>
            <Button variant="outline" className="text-danger hover:text-danger">
              <Trash2Icon />
              Delete account
            </Button>
          </DialogTrigger>
          <DialogContent>
            <DialogHeader>
              <DialogTitle>Delete your account?</DialogTitle>
              <DialogDescription>
                Your settings, exchange keys, orders and history are erased and auto-trading stops. Positions
                already open on your own exchange account stay there. This cannot be undone.
              </DialogDescription>
            </DialogHeader>
            <form onSubmit={remove} noValidate className="grid gap-5" aria-label="Delete account">
              <FormAlert title={Object.keys(f).length === 0 ? error?.message : null} />
              <FieldGroup>
                <Field invalid={!!f.password}>
                  <FieldLabel htmlFor="delete-password">Password</FieldLabel>
                  <Input
                    id="delete-password"
                    name="password"
                    type="password"
                    autoComplete="current-password"
                    required
                  />
                  <FieldError>{f.password}</FieldError>
                </Field>
                {twoFactor && (
                  <Field invalid={!!f.code}>
                    <FieldLabel htmlFor="delete-code">Authentication code</FieldLabel>
                    <CodeInput id="delete-code" required invalid={!!f.code} />
                    <FieldError>{f.code}</FieldError>
                  </Field>
                )}
                <Field invalid={!!f.confirm}>
                  <FieldLabel htmlFor="delete-confirm">
                    Type <span className="font-mono">DELETE</span> to confirm
                  </FieldLabel>
                  <Input id="delete-confirm" name="confirm" autoComplete="off" required />
                  <FieldError>{f.confirm}</FieldError>
                </Field>
              </FieldGroup>
              <DialogFooter>
                <Button type="submit" variant="destructive" disabled={pending}>
                  {pending && <Spinner aria-hidden="true" />}
                  Delete my account
                </Button>
              </DialogFooter>
            </form>
          </DialogContent>
        </Dialog>
      </CardFooter>
    </Card>
  );
}
