// GET /dashboard/notifications — which events reach the user where (app, email, Telegram, webhook), the Telegram
// link, the webhook URL and the daily summary's hour.
import type { Metadata } from "next";
import { NotificationSettings } from "@/components/notifications/notification-settings";
import { PageHeader } from "@/components/page-header";
import { requireUser } from "@/lib/auth/session";
import { notificationSettingsView } from "@/lib/notify/settings";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  const user = await requireUser("/dashboard/notifications");
  const settings = await notificationSettingsView(user.id);
  return (
    <>
      <PageHeader
        title="Notifications"
        description="Hear about exits, failures and limits without keeping the dashboard open."
      />
      <NotificationSettings initial={settings} />
    </>
  );
}
