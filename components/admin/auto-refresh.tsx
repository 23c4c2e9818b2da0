"use client";
// Re-renders the server page every few seconds so the status view stays live without a reload.
import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { RefreshCwIcon } from "lucide-react";

import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";

/** A small "live" toggle that calls router.refresh() every `seconds` while on. */
export function AutoRefresh({ seconds = 10 }: { seconds?: number }) {
  const router = useRouter();
  const [on, setOn] = useState(true);
  useEffect(() => {
    if (!on) return;
    const t = setInterval(() => router.refresh(), seconds * 1000);
    return () => clearInterval(t);
  }, [on, seconds, router]);
  return (
    <Button variant="outline" size="sm" onClick={() => setOn((v) => !v)} aria-pressed={on}>
      <RefreshCwIcon
        className={cn("size-3.5", on && "animate-spin [animation-duration:3s]")}
        aria-hidden="true"
      />
      {on ? `Live · ${seconds}s` : "Paused"}
    </Button>
  );
}
