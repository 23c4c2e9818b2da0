"use client";
// One signal source: name, masked token, created and last used; rename, rotate (the new URL shown once) and revoke.
import { useState } from "react";
import { toast } from "sonner";
import { PencilIcon, RefreshCwIcon, Trash2Icon, WebhookIcon } from "lucide-react";

import { callApi } from "@/components/exchange-keys/call-api";
import { RenameDialog } from "@/components/rename-dialog";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { formatDateTime } from "@/lib/utils";
import type { SourceItem, SourceWithUrl } from "./types";
import { UrlOnce } from "./url-once";

/** A row of the sources list; `onChange` refreshes the page's data. */
export function SourceRow({ source, onChange }: { source: SourceItem; onChange: () => void }) {
  const [busy, setBusy] = useState(false);
  const [rotatedUrl, setRotatedUrl] = useState<string | null>(null);
  const base = `/api/signal-sources/${source.id}`;

  async function rotate() {
    setBusy(true);
    const res = await callApi<SourceWithUrl>(`${base}/rotate`, "POST");
    setBusy(false);
    if (!res.ok) return toast.error(res.error.message);
    setRotatedUrl(res.data.url);
    onChange();
  }
  async function revoke() {
    setBusy(true);
    const res = await callApi(base, "DELETE");
    setBusy(false);
    if (!res.ok) return toast.error(res.error.message);
    toast.success(`${source.name} revoked: its URL no longer works`);
    onChange();
  }

  return (
    <li
      className="flex flex-col gap-3 px-4 py-4 sm:flex-row sm:items-center sm:justify-between"
      data-testid="source-row"
    >
      <div className="flex min-w-0 items-start gap-3">
        <div className="bg-muted flex size-9 shrink-0 items-center justify-center rounded-lg border">
          <WebhookIcon className="text-muted-foreground size-4" aria-hidden="true" />
        </div>
        <div className="min-w-0 space-y-1">
          <div className="truncate font-medium">{source.name}</div>
          <div className="text-muted-foreground flex flex-wrap gap-x-4 gap-y-1 text-xs">
            <span>
              URL <code className="text-foreground font-mono">/api/signals/{source.masked}</code>
            </span>
            <span>Created {formatDateTime(source.createdAt)} UTC</span>
            <span>Last used {source.lastUsedAt ? `${formatDateTime(source.lastUsedAt)} UTC` : "never"}</span>
          </div>
        </div>
      </div>
      <div className="flex shrink-0 items-center gap-1">
        <RenameDialog
          path={base}
          field="name"
          current={source.name}
          inputId={`source-name-${source.id}`}
          title="Rename source"
          description="Only the name changes; the URL stays as it is."
          done="Source renamed"
          onRenamed={onChange}
        >
          <Button variant="ghost" size="icon-sm" aria-label={`Rename ${source.name}`}>
            <PencilIcon />
          </Button>
        </RenameDialog>
        <AlertDialog>
          <AlertDialogTrigger asChild>
            <Button variant="outline" size="sm" disabled={busy}>
              <RefreshCwIcon />
              Rotate
            </Button>
          </AlertDialogTrigger>
          <AlertDialogContent>
            <AlertDialogHeader>
              <AlertDialogTitle>Rotate the URL of {source.name}?</AlertDialogTitle>
              <AlertDialogDescription>
                The current URL stops working at once. Paste the new one into every alert that sends here.
              </AlertDialogDescription>
            </AlertDialogHeader>
            <AlertDialogFooter>
              <AlertDialogCancel>Cancel</AlertDialogCancel>
              <AlertDialogAction onClick={rotate}>Rotate URL</AlertDialogAction>
            </AlertDialogFooter>
          </AlertDialogContent>
        </AlertDialog>
        <AlertDialog>
          <AlertDialogTrigger asChild>
            <Button
              variant="ghost"
              size="icon-sm"
              aria-label={`Revoke ${source.name}`}
              disabled={busy}
              className="text-danger hover:text-danger"
            >
              <Trash2Icon />
            </Button>
          </AlertDialogTrigger>
          <AlertDialogContent>
            <AlertDialogHeader>
              <AlertDialogTitle>Revoke {source.name}?</AlertDialogTitle>
              <AlertDialogDescription>
                Its URL answers 404 from now on. Signals it already sent stay in the list below.
              </AlertDialogDescription>
            </AlertDialogHeader>
            <AlertDialogFooter>
              <AlertDialogCancel>Cancel</AlertDialogCancel>
              <AlertDialogAction onClick={revoke}>Revoke</AlertDialogAction>
            </AlertDialogFooter>
          </AlertDialogContent>
        </AlertDialog>
      </div>

      <Dialog open={rotatedUrl !== null} onOpenChange={(o) => !o && setRotatedUrl(null)}>
        <DialogContent className="sm:max-w-lg">
          <DialogHeader>
            <DialogTitle>New URL for {source.name}</DialogTitle>
            <DialogDescription>The old URL no longer works.</DialogDescription>
          </DialogHeader>
          {rotatedUrl && <UrlOnce url={rotatedUrl} />}
          <DialogFooter>
            <Button onClick={() => setRotatedUrl(null)}>Done</Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </li>
  );
}
