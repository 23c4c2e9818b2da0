"use client";
// The global kill switch as an open page sees it: the server's value at render, then every flip an operator makes,
// pushed over the page's one stream connection (SSE event `system`) — no reload.
import { useEffect, useState } from "react";
import { acquireStream } from "@/components/market/shared-event-source";

/** Whether the platform-wide kill switch is on, live. */
export function usePlatformKillSwitch(initial: boolean): boolean {
  const [state, setState] = useState({ initial, on: initial });
  // A server re-render (router.refresh) brings a fresh value: it wins over an older pushed one.
  if (state.initial !== initial) setState({ initial, on: initial });
  useEffect(() => {
    const { source, release } = acquireStream();
    const onSystem = (e: Event) => {
      try {
        const msg = JSON.parse((e as MessageEvent<string>).data) as { killSwitch?: unknown };
        if (typeof msg.killSwitch === "boolean") {
          const on = msg.killSwitch;
          setState((s) => ({ ...s, on }));
        }
      } catch {
        /* not ours */
      }
    };
    source.addEventListener("system", onSystem);
    return () => {
      source.removeEventListener("system", onSystem);
      release();
    };
  }, []);
  return state.on;
}
