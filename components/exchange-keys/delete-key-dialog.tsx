"use client";
// Deleting a live key: a confirmation with the current two-factor code (removing a key needs one).
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";

import { CodeInput } from "@/components/account/code-input";
import { FormAlert } from "@/components/account/form-alert";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { Field, FieldError, FieldLabel } from "@/components/ui/field";
import { Spinner } from "@/components/ui/spinner";
import { callApi, type ApiFailure } from "./call-api";

/** The trigger is the child; the dialog asks for the code and deletes. */
export function DeleteKeyDialog(props: {
  accountId: number;
  label: string;
  keyHint: string | null;
  exchangeName: string;
  children: React.ReactNode;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiFailure | null>(null);

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const code = String(new FormData(e.currentTarget).get("code") ?? "");
    setPending(true);
    const res = await callApi(`/api/exchange-keys/${props.accountId}`, "DELETE", { code });
    setPending(false);
    if (!res.ok) return setError(res.error);
    setOpen(false);
    toast.success(`${props.label} deleted`);
    router.refresh();
  }

  return (
    <Dialog open={open} onOpenChange={(o) => (setOpen(o), setError(null))}>
      <DialogTrigger asChild>{props.children}</DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Delete {props.label}?</DialogTitle>
          <DialogDescription>
            The encrypted key {props.keyHint} is erased from Tickpilot. Also delete the key on{" "}
            {props.exchangeName} if you no longer use it.
          </DialogDescription>
        </DialogHeader>
        <form onSubmit={submit} noValidate className="grid gap-5" aria-label={`Delete ${props.label}`}>
          <FormAlert title={error && !error.fields.code ? error.message : null} />
          <Field invalid={!!error?.fields.code}>
            <FieldLabel htmlFor={`delete-key-code-${props.accountId}`}>Authentication code</FieldLabel>
            <CodeInput
              id={`delete-key-code-${props.accountId}`}
              autoFocus
              required
              invalid={!!error?.fields.code}
            />
            <FieldError>{error?.fields.code}</FieldError>
          </Field>
          <DialogFooter>
            <Button type="button" variant="ghost" onClick={() => setOpen(false)}>
              Keep it
            </Button>
            <Button type="submit" variant="destructive" disabled={pending}>
              {pending && <Spinner aria-hidden="true" />}
              Delete key
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
