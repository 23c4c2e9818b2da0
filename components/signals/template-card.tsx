"use client";
// How to send alerts: the TradingView message to paste, and a curl example (docs/signals.md has the details).
import { useState } from "react";
import { CheckIcon, CopyIcon } from "lucide-react";

import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

/** The alert message of docs/signals.md (TradingView fills in the placeholders). */
export const TRADINGVIEW_TEMPLATE =
  "action={{strategy.order.action}} symbol={{ticker}} id={{strategy.order.id}}-{{timenow}} stop_loss=0.01 take_profit=0.02";

const CURL = `curl -X POST "$SIGNAL_URL" \\
  -H 'content-type: application/json' \\
  -d '{"action":"buy","symbol":"BTCUSDT","stop_loss":0.01,"id":"run-42"}'`;

function Snippet({ label, text }: { label: string; text: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="grid gap-1.5">
      <div className="flex items-center justify-between">
        <span className="text-sm font-medium">{label}</span>
        <Button
          variant="ghost"
          size="sm"
          aria-label={`Copy the ${label.toLowerCase()}`}
          onClick={() =>
            void navigator.clipboard.writeText(text).then(
              () => (setCopied(true), setTimeout(() => setCopied(false), 2000)),
              () => undefined,
            )
          }
        >
          {copied ? <CheckIcon className="text-success" /> : <CopyIcon />}
          {copied ? "Copied" : "Copy"}
        </Button>
      </div>
      <pre className="bg-muted overflow-x-auto rounded-md border p-3 font-mono text-xs leading-relaxed break-all whitespace-pre-wrap">
        {text}
      </pre>
    </div>
  );
}

/** The card with both snippets. */
export function TemplateCard() {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Send alerts</CardTitle>
        <CardDescription>
          In a TradingView strategy alert, put your URL in &ldquo;Webhook URL&rdquo; and this in
          &ldquo;Message&rdquo;. Stop and target are fractions of the entry price (0.01 = 1 %).
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <Snippet label="TradingView message" text={TRADINGVIEW_TEMPLATE} />
        <Snippet label="JSON from a script" text={CURL} />
        <p className="text-muted-foreground text-xs">
          Accepted alerts go through the same safety checks, sizing and risk limits as the shared decisions. A
          retried alert (same id, or the same body within a minute) never places a second order.
        </p>
      </CardContent>
    </Card>
  );
}
