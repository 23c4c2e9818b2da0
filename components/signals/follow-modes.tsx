"use client";
// Per symbol: does auto-trading follow the shared decisions, the user's signals, or both.
import { useState } from "react";
import { toast } from "sonner";

import { callApi } from "@/components/exchange-keys/call-api";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import type { FollowMode, FollowModeItem } from "./types";

const MODES: { value: FollowMode; label: string }[] = [
  { value: "both", label: "Shared decisions and my signals" },
  { value: "signals", label: "My signals only" },
  { value: "shared", label: "Shared decisions only" },
];

/** The follow-mode card; `onChange` refreshes the page's data. */
export function FollowModes({ modes, onChange }: { modes: FollowModeItem[]; onChange: () => void }) {
  const [saving, setSaving] = useState<string | null>(null);
  async function save(symbol: string, mode: FollowMode) {
    setSaving(symbol);
    const res = await callApi("/api/signal-follow", "PUT", { symbol, mode });
    setSaving(null);
    if (!res.ok) return toast.error(res.error.message);
    toast.success(`${symbol} now follows: ${MODES.find((m) => m.value === mode)!.label.toLowerCase()}`);
    onChange();
  }
  return (
    <Card>
      <CardHeader>
        <CardTitle>What auto-trading follows</CardTitle>
        <CardDescription>
          Per symbol. &ldquo;Shared decisions only&rdquo; refuses your signals; &ldquo;My signals only&rdquo;
          skips the shared decisions.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {modes.map((m) => (
          <div key={m.symbol} className="grid gap-2">
            <div className="flex items-center justify-between gap-2">
              <label htmlFor={`follow-${m.symbol}`} className="text-sm font-medium">
                {m.symbol}
              </label>
              <Badge variant={m.autoTrade ? "success" : "muted"}>
                Auto-trading {m.autoTrade ? "on" : "off"}
              </Badge>
            </div>
            <Select
              value={m.mode}
              disabled={saving === m.symbol}
              onValueChange={(v) => void save(m.symbol, v as FollowMode)}
            >
              <SelectTrigger id={`follow-${m.symbol}`} className="w-full" aria-label={`${m.symbol} follows`}>
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                {MODES.map((o) => (
                  <SelectItem key={o.value} value={o.value}>
                    {o.label}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
            {!m.autoTrade && (
              <p className="text-muted-foreground text-xs">
                Signals for {m.symbol} are refused until auto-trading is on (Dashboard).
              </p>
            )}
          </div>
        ))}
      </CardContent>
    </Card>
  );
}
