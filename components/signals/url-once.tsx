"use client";
// The webhook URL, shown once after creating or rotating a source: read-only, selected on focus, with a copy button.
import { useState } from "react";
import { CheckIcon, CopyIcon, TriangleAlertIcon } from "lucide-react";

import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/textarea";

/** The URL with its copy button and the warning that it is not shown again. */
export function UrlOnce({ url }: { url: string }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      // No clipboard (an http page): the field is selected so Ctrl+C works.
      document.getElementById("signal-url")?.focus();
    }
  }
  return (
    <div className="grid gap-3">
      <div className="flex items-start gap-2">
        <Textarea
          id="signal-url"
          readOnly
          rows={2}
          value={url}
          aria-label="Webhook URL"
          className="min-h-0 resize-none font-mono text-xs break-all md:text-xs"
          onFocus={(e) => e.currentTarget.select()}
          data-testid="signal-url"
        />
        <Button type="button" variant="outline" onClick={copy} aria-label="Copy the webhook URL">
          {copied ? <CheckIcon className="text-success" /> : <CopyIcon />}
          {copied ? "Copied" : "Copy"}
        </Button>
      </div>
      <p className="text-warning-foreground dark:text-warning flex items-start gap-2 text-xs">
        <TriangleAlertIcon className="mt-0.5 size-3.5 shrink-0" aria-hidden="true" />
        Copy it now: Tickpilot keeps only a hash of it and cannot show it again. Anyone with this URL can send
        signals to your account — rotate it if it leaks.
      </p>
    </div>
  );
}
