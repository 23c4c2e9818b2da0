"use client";
// The event × channel switches: a table on wide screens, one block per event on phones. Each switch saves on its
// own; a channel that is not linked yet is shown greyed with a hint.
import { useState } from "react";
import { toast } from "sonner";

import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Switch } from "@/components/ui/switch";
import { apiFetch, ApiError } from "@/lib/api/client";
import {
  CHANNEL_LABELS,
  CHANNELS,
  EVENT_INFO,
  NOTIFY_EVENTS,
  type Channel,
  type NotifyEventName,
} from "@/lib/notify/catalog";
import type { NotificationSettings } from "./types";

interface Props {
  settings: NotificationSettings;
  onChange: (next: NotificationSettings) => void;
}

/** The preference matrix. */
export function PreferencesCard({ settings, onChange }: Props) {
  const [saving, setSaving] = useState<string | null>(null);
  const unlinked: Partial<Record<Channel, string>> = {
    ...(!settings.telegram.linked ? { telegram: "Link Telegram below to use it" } : {}),
    ...(!settings.webhook.url ? { webhook: "Add a webhook URL below to use it" } : {}),
  };

  async function toggle(event: NotifyEventName, channel: Channel, enabled: boolean) {
    const key = `${event}.${channel}`;
    setSaving(key);
    try {
      onChange(
        await apiFetch<NotificationSettings>("/api/notifications/preferences", {
          method: "PUT",
          body: { event, channel, enabled },
        }),
      );
    } catch (err) {
      toast.error(err instanceof ApiError ? err.message : "Could not save. Try again.");
    } finally {
      setSaving(null);
    }
  }

  const cell = (event: NotifyEventName, channel: Channel) => (
    <Switch
      checked={settings.prefs[event][channel]}
      disabled={saving === `${event}.${channel}`}
      onCheckedChange={(v) => void toggle(event, channel, v)}
      aria-label={`${EVENT_INFO[event].label}: ${CHANNEL_LABELS[channel]}`}
      className={unlinked[channel] ? "opacity-60" : undefined}
      title={unlinked[channel]}
    />
  );

  return (
    <Card>
      <CardHeader>
        <CardTitle>What you hear about</CardTitle>
        <CardDescription>
          Exits, failures, limits and key problems are on by default; a message for every order is up to you.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <table className="hidden w-full text-sm md:table">
          <thead>
            <tr className="text-muted-foreground border-b text-left">
              <th className="py-2 pr-4 font-medium">Event</th>
              {CHANNELS.map((c) => (
                <th key={c} className="w-24 py-2 text-center font-medium">
                  {CHANNEL_LABELS[c]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {NOTIFY_EVENTS.map((e) => (
              <tr key={e} className="border-b last:border-0">
                <td className="py-3 pr-4">
                  <div className="font-medium">{EVENT_INFO[e].label}</div>
                  <div className="text-muted-foreground text-xs">{EVENT_INFO[e].hint}</div>
                </td>
                {CHANNELS.map((c) => (
                  <td key={c} className="py-3 text-center">
                    {cell(e, c)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <ul className="divide-y md:hidden">
          {NOTIFY_EVENTS.map((e) => (
            <li key={e} className="py-3">
              <div className="font-medium">{EVENT_INFO[e].label}</div>
              <div className="text-muted-foreground mb-2 text-xs">{EVENT_INFO[e].hint}</div>
              <div className="grid grid-cols-2 gap-2">
                {CHANNELS.map((c) => (
                  <label
                    key={c}
                    className="flex items-center justify-between gap-2 rounded-md border px-3 py-2 text-sm"
                  >
                    {CHANNEL_LABELS[c]}
                    {cell(e, c)}
                  </label>
                ))}
              </div>
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}
