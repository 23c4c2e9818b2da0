"use client";
// Rename something (an exchange account, a signal source) in a small dialog around a trigger button: one name
// field, PATCHed to the resource; the server's message shows inline on error.
import { useState } from "react";
import { toast } from "sonner";

import { callApi } from "@/components/exchange-keys/call-api";
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

/** The rename dialog around a trigger button; `field` is the body key the PATCH at `path` takes. */
export function RenameDialog({
  path,
  field,
  current,
  inputId,
  title,
  description,
  done,
  onRenamed,
  children,
}: {
  path: string;
  field: string;
  current: string;
  inputId: string;
  title: string;
  description: string;
  /** Toast after a successful rename. */
  done: string;
  onRenamed: () => void;
  children: React.ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState(current);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    const res = await callApi(path, "PATCH", { [field]: value });
    setPending(false);
    if (!res.ok) return setError(res.error.fields[field] ?? res.error.message);
    setOpen(false);
    toast.success(done);
    onRenamed();
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        setValue(current);
        setError(null);
      }}
    >
      <DialogTrigger asChild>{children}</DialogTrigger>
      <DialogContent className="sm:max-w-md">
        <form onSubmit={save} className="grid gap-4">
          <DialogHeader>
            <DialogTitle>{title}</DialogTitle>
            <DialogDescription>{description}</DialogDescription>
          </DialogHeader>
          <Field invalid={!!error}>
            <FieldLabel htmlFor={inputId}>Name</FieldLabel>
            <Input
              id={inputId}
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
