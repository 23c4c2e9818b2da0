"use client";
// One click from a billing pause to the paper account: POST /api/billing/paper-switch, then the page re-renders
// from the server (the dashboard then shows the paper account and no pause).
import { useState } from "react";
import { useRouter } from "next/navigation";
import { FlaskConicalIcon } from "lucide-react";
import { toast } from "sonner";
import { mutate } from "swr";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { ApiError, apiFetch } from "@/lib/api/client";

/** The button; `className` sizes it for the card or the notice. */
export function PaperSwitchButton({ className }: { className?: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);

  async function go() {
    setBusy(true);
    try {
      await apiFetch<{ accountId: number }>("/api/billing/paper-switch", { method: "POST", body: {} });
      toast.success("Auto-trading now uses your paper account.");
      // The dashboard's portfolio (account, position) is client state: reload it with the server parts.
      await mutate("/api/portfolio");
      router.refresh();
    } catch (err) {
      toast.error(err instanceof ApiError ? err.message : "Could not reach the server. Try again.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <Button
      size="sm"
      variant="outline"
      className={className}
      onClick={() => void go()}
      disabled={busy}
      data-testid="paper-switch"
    >
      {busy ? <Spinner /> : <FlaskConicalIcon aria-hidden="true" />}
      Switch to paper trading
    </Button>
  );
}
