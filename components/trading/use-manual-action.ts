"use client";
// Manual control from the dashboard ("Close position now", "Cancel open orders", "Stop and flatten"): POST
// /api/trading/actions with the click's idempotency key, then follow the action until the execute worker has
// done it (or given up), and say what happened as a toast. The card shows the same action inline.
import { useCallback, useEffect, useRef, useState } from "react";
import { toast } from "sonner";
import { apiFetch } from "@/lib/api/client";

/** What a user can ask for by hand. */
export type ManualKind = "close" | "cancel" | "flatten";

/** An action as GET /api/trading/actions/[id] returns it. */
export interface ManualActionView {
  id: number;
  kind: ManualKind;
  symbol: string;
  status: "queued" | "done" | "failed";
  result: string | null;
}

/**
 * A fresh idempotency key (32 hex characters), made once per confirm dialog: a double click or a retried request
 * sends the same key and the server does the action once. getRandomValues also works on an install served over
 * plain HTTP, where crypto.randomUUID is missing.
 */
export function actionKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

const POLL_MS = 1_000;
/** After this long still queued, stop asking every second and say so (the worker may be down or busy). */
const SLOW_AFTER_MS = 60_000;

/** Manual-action state of one card; `onSettled` runs once when the action is done or failed. */
export function useManualAction(onSettled?: (action: ManualActionView) => void) {
  const [action, setAction] = useState<ManualActionView | null>(null);
  const [slow, setSlow] = useState(false);
  const startedAt = useRef(0);
  const settled = useRef(onSettled);
  useEffect(() => {
    settled.current = onSettled;
  });

  // While queued: ask for the action's status every second.
  useEffect(() => {
    if (!action || action.status !== "queued" || slow) return;
    let stopped = false;
    const timer = setTimeout(() => {
      if (Date.now() - startedAt.current > SLOW_AFTER_MS) return setSlow(true);
      apiFetch<{ action: ManualActionView }>(`/api/trading/actions/${action.id}`)
        .then((res) => !stopped && setAction(res.action))
        // A failed poll (network blip) asks again on the next round.
        .catch(() => !stopped && setAction((a) => (a ? { ...a } : a)));
    }, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [action, slow]);

  // Once final: a toast, and the card's owner refreshes what it shows.
  const reported = useRef<number | null>(null);
  useEffect(() => {
    if (!action || action.status === "queued" || reported.current === action.id) return;
    reported.current = action.id;
    const text = action.result ?? (action.status === "done" ? "Done." : "It could not be done.");
    if (action.status === "done") toast.success(text);
    else toast.error(text);
    settled.current?.(action);
  }, [action]);

  /** Ask for `kind` with the dialog's `key`; throws ApiError with the server's message when refused. */
  const start = useCallback(async (kind: ManualKind, key: string, symbol?: string) => {
    const res = await apiFetch<{ action: ManualActionView }>("/api/trading/actions", {
      method: "POST",
      body: { kind, key, ...(symbol ? { symbol } : {}) },
    });
    startedAt.current = Date.now();
    setSlow(false);
    setAction(res.action);
    return res.action;
  }, []);

  /** Follow a slow action again (after SLOW_AFTER_MS the page stops asking by itself). */
  const recheck = useCallback(() => {
    startedAt.current = Date.now();
    setSlow(false);
  }, []);

  return { action, busy: action?.status === "queued", slow, start, recheck };
}
