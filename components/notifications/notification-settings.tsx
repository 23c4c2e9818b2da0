"use client";
// The notifications settings page's body: preferences, the daily summary, Telegram and the webhook, sharing one
// copy of the settings that every save replaces with the server's answer.
import { useState } from "react";

import { apiFetch } from "@/lib/api/client";
import { PreferencesCard } from "./preferences-card";
import { SummaryCard } from "./summary-card";
import { TelegramCard } from "./telegram-card";
import type { NotificationSettings as Settings } from "./types";
import { WebhookCard } from "./webhook-card";

/** Everything on /dashboard/notifications below the header. */
export function NotificationSettings({ initial }: { initial: Settings }) {
  const [settings, setSettings] = useState(initial);
  const reload = async () => setSettings(await apiFetch<Settings>("/api/notifications/preferences"));
  return (
    <div className="grid gap-6">
      <PreferencesCard settings={settings} onChange={setSettings} />
      <div className="grid gap-6 lg:grid-cols-2">
        <TelegramCard telegram={settings.telegram} onRefresh={reload} />
        <SummaryCard hour={settings.summaryHour} onChange={setSettings} />
      </div>
      <WebhookCard url={settings.webhook.url} onSaved={reload} />
    </div>
  );
}
