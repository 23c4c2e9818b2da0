"use client";
// A manual-control button with its confirm dialog. The idempotency key is made when the dialog opens, so every
// press of the confirm button in that dialog (a double click, a retry after a network error) is one request to
// the server. The dialog closes once the server has queued the action; its progress shows on the card.
import { useState } from "react";
import type { LucideIcon } from "lucide-react";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { ApiError } from "@/lib/api/client";
import { cn } from "@/lib/utils";
import { actionKey } from "./use-manual-action";

interface Props {
  label: string;
  icon: LucideIcon;
  title: string;
  description: React.ReactNode;
  confirmLabel: string;
  destructive?: boolean;
  /** Disabled, e.g. while an action runs or for the owner's own position (say why next to it). */
  disabled?: boolean;
  /** id of the text saying why the button is disabled. */
  describedBy?: string;
  className?: string;
  testId?: string;
  /** Sends the request with the dialog's key; a thrown error's message is shown in the dialog. */
  onConfirm: (key: string) => Promise<unknown>;
}

/** Button → confirm dialog → one request per dialog. */
export function ManualActionDialog(props: Props) {
  const [open, setOpen] = useState(false);
  const [key, setKey] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    if (pending) return;
    setPending(true);
    setError(null);
    try {
      await props.onConfirm(key);
      setOpen(false);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "Could not reach the server. Try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <AlertDialog
      open={open}
      onOpenChange={(next) => {
        if (pending) return;
        if (next) {
          setKey(actionKey());
          setError(null);
        }
        setOpen(next);
      }}
    >
      <AlertDialogTrigger asChild>
        <Button
          variant="outline"
          size="sm"
          disabled={props.disabled}
          aria-describedby={props.describedBy}
          className={cn(
            "w-full sm:w-auto",
            // Visible but not shouting: the confirm button in the dialog is the red one.
            props.destructive &&
              "border-destructive/40 text-destructive hover:bg-destructive/10 hover:text-destructive dark:border-destructive/50",
            props.className,
          )}
          data-testid={props.testId}
        >
          <props.icon aria-hidden="true" />
          {props.label}
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>{props.title}</AlertDialogTitle>
          <AlertDialogDescription asChild>
            <div className="text-muted-foreground space-y-2 text-sm">{props.description}</div>
          </AlertDialogDescription>
        </AlertDialogHeader>
        {error && (
          <Alert variant="destructive">
            <AlertDescription>{error}</AlertDescription>
          </Alert>
        )}
        <AlertDialogFooter>
          <AlertDialogCancel disabled={pending}>Go back</AlertDialogCancel>
          <Button
            variant={props.destructive ? "destructive" : "default"}
            onClick={() => void confirm()}
            disabled={pending}
            aria-busy={pending}
          >
            {pending && <Spinner />}
            {props.confirmLabel}
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
