"use client";
// Error boundary for the signed-in pages: a calm message and a retry, details kept in the console.
import { useEffect } from "react";
import Link from "next/link";
import { RotateCwIcon, TriangleAlertIcon } from "lucide-react";

import { Button } from "@/components/ui/button";

export default function AppError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);

  const digest = error instanceof Error && "digest" in error ? String(error.digest) : undefined;

  return (
    <div className="flex flex-col items-center justify-center rounded-xl border border-dashed px-6 py-16 text-center">
      <div className="border-destructive/30 bg-destructive/10 text-destructive flex size-12 items-center justify-center rounded-xl border">
        <TriangleAlertIcon className="size-5" aria-hidden="true" />
      </div>
      <h2 className="mt-5 text-base font-semibold">Something went wrong</h2>
      <p className="text-muted-foreground mt-1.5 max-w-md text-sm">
        This page could not be loaded. Auto-trading runs on our servers and does not depend on this page.
      </p>
      {digest && <p className="text-muted-foreground mt-2 font-mono text-xs">Reference: {digest}</p>}
      <div className="mt-6 flex flex-wrap justify-center gap-2">
        <Button onClick={() => retry()}>
          <RotateCwIcon />
          Try again
        </Button>
        <Button variant="outline" asChild>
          <Link href="/dashboard">Go to dashboard</Link>
        </Button>
      </div>
    </div>
  );
}
