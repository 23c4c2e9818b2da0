"use client";
// Create a signal source: a name, then the URL shown once (with a copy button) in the same dialog.
import { useState } from "react";
import { PlusIcon } from "lucide-react";

import { callApi } from "@/components/exchange-keys/call-api";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { Field, FieldError, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import type { SourceWithUrl } from "./types";
import { UrlOnce } from "./url-once";

/** The "New source" button (opens the one dialog of the page, which stays mounted while the list changes). */
export function NewSourceButton({ onClick }: { onClick: () => void }) {
  return (
    <Button onClick={onClick}>
      <PlusIcon />
      New source
    </Button>
  );
}

/** The create dialog; `onChange` refreshes the page's data once the URL has been shown. */
export function NewSourceDialog({
  open,
  setOpen,
  onChange,
}: {
  open: boolean;
  setOpen: (open: boolean) => void;
  onChange: () => void;
}) {
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [created, setCreated] = useState<SourceWithUrl | null>(null);

  // Closing forgets the URL: it is shown once.
  function close() {
    setOpen(false);
    setName("");
    setError(null);
    setCreated(null);
  }

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    const res = await callApi<SourceWithUrl>("/api/signal-sources", "POST", { name });
    setPending(false);
    if (!res.ok) return setError(res.error.fields.name ?? res.error.message);
    setCreated(res.data);
    onChange();
  }

  return (
    <Dialog open={open} onOpenChange={(o) => (o ? setOpen(true) : close())}>
      <DialogContent className="sm:max-w-lg">
        {created ? (
          <div className="grid gap-4">
            <DialogHeader>
              <DialogTitle>{created.source.name} is ready</DialogTitle>
              <DialogDescription>
                Paste this URL into your TradingView alert&apos;s Webhook URL, or POST to it from your script.
              </DialogDescription>
            </DialogHeader>
            <UrlOnce url={created.url} />
            <DialogFooter>
              <Button onClick={close}>Done</Button>
            </DialogFooter>
          </div>
        ) : (
          <form onSubmit={submit} className="grid gap-4">
            <DialogHeader>
              <DialogTitle>New signal source</DialogTitle>
              <DialogDescription>
                Each source gets its own secret URL and its own rate limit. Name it after what sends to it.
              </DialogDescription>
            </DialogHeader>
            <Field invalid={!!error}>
              <FieldLabel htmlFor="source-name">Name</FieldLabel>
              <Input
                id="source-name"
                value={name}
                maxLength={64}
                placeholder="TradingView BTC strategy"
                onChange={(e) => setName(e.target.value)}
                autoFocus
              />
              <FieldError>{error}</FieldError>
            </Field>
            <DialogFooter>
              <Button type="submit" disabled={pending}>
                {pending && <Spinner />}
                Create and show URL
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
