"use client";
// The daily summary's hour, in UTC (no time zone is stored), or off.
import { useState } from "react";
import { toast } from "sonner";
import { CalendarClockIcon } from "lucide-react";

import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { apiFetch, ApiError } from "@/lib/api/client";
import type { NotificationSettings } from "./types";

const HOURS = Array.from({ length: 24 }, (_, h) => h);
const label = (h: number) => `${String(h).padStart(2, "0")}:00 UTC`;

/** Pick the hour of the daily summary. */
export function SummaryCard({
  hour,
  onChange,
}: {
  hour: number | null;
  onChange: (next: NotificationSettings) => void;
}) {
  const [pending, setPending] = useState(false);

  async function pick(value: string) {
    setPending(true);
    try {
      onChange(
        await apiFetch<NotificationSettings>("/api/notifications/preferences", {
          method: "PUT",
          body: { summaryHour: value === "off" ? null : Number(value) },
        }),
      );
    } catch (err) {
      toast.error(err instanceof ApiError ? err.message : "Could not save. Try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <CalendarClockIcon className="text-muted-foreground size-4" aria-hidden="true" />
          Daily summary
        </CardTitle>
        <CardDescription>
          The last 24 hours — PnL after fees, trades, exits, decisions and holds — on the channels switched on
          for “Daily summary” above.
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-2">
        <Label htmlFor="summary-hour">Send it at (UTC)</Label>
        <Select
          value={hour === null ? "off" : String(hour)}
          onValueChange={(v) => void pick(v)}
          disabled={pending}
        >
          <SelectTrigger id="summary-hour" className="w-full sm:w-56">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value="off">Off</SelectItem>
            {HOURS.map((h) => (
              <SelectItem key={h} value={String(h)}>
                {label(h)}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </CardContent>
    </Card>
  );
}
