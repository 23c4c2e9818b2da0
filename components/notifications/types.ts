// What the notifications settings page and the bell receive from the API (types only, shared with the server).
export type {
  NotificationItem,
  NotificationSettingsView as NotificationSettings,
} from "@/lib/notify/catalog";
