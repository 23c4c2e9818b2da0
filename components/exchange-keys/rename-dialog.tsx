"use client";
// Rename an account in a small dialog; the server's message shows inline on error.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";

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
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { callApi } from "./call-api";

/** The rename dialog around a trigger button. */
export function RenameDialog({
  accountId,
  label,
  children,
}: {
  accountId: number;
  label: string;
  children: React.ReactNode;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState(label);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    const res = await callApi(`/api/exchange-keys/${accountId}`, "PATCH", { label: value });
    setPending(false);
    if (!res.ok) return setError(res.error.fields.label ?? res.error.message);
    setOpen(false);
    toast.success("Account renamed");
    router.refresh();
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        setValue(label);
        setError(null);
      }}
    >
      <DialogTrigger asChild>{children}</DialogTrigger>
      <DialogContent className="sm:max-w-md">
        <form onSubmit={save} className="grid gap-4">
          <DialogHeader>
            <DialogTitle>Rename account</DialogTitle>
            <DialogDescription>Only the name changes; the key stays as it is.</DialogDescription>
          </DialogHeader>
          <Field invalid={!!error}>
            <FieldLabel htmlFor={`rename-${accountId}`}>Name</FieldLabel>
            <Input
              id={`rename-${accountId}`}
              value={value}
              maxLength={64}
              onChange={(e) => setValue(e.target.value)}
              autoFocus
            />
            <FieldError>{error}</FieldError>
          </Field>
          <DialogFooter>
            <Button type="submit" disabled={pending}>
              {pending && <Spinner />}
              Save
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
