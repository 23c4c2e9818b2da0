"use client";
// The bell in the top bar: the unread count, and a menu of the newest notifications with "mark all read". Polls
// every 30 s and when the tab regains focus.
import Link from "next/link";
import useSWR from "swr";
import { BellIcon, CheckCheckIcon, SettingsIcon } from "lucide-react";

import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { Spinner } from "@/components/ui/spinner";
import { apiFetch, swrFetcher } from "@/lib/api/client";
import { cn } from "@/lib/utils";
import type { NotificationItem } from "./types";

type Inbox = { items: NotificationItem[]; unread: number };

const when = (iso: string) =>
  new Date(iso).toLocaleString(undefined, {
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  });

/** Bell button with the unread badge and the notifications menu. */
export function NotificationBell() {
  const { data, error, isLoading, mutate } = useSWR<Inbox>("/api/notifications", swrFetcher<Inbox>, {
    refreshInterval: 30_000,
  });
  const unread = data?.unread ?? 0;

  async function markRead(body: { ids: number[] } | { all: true }) {
    await apiFetch("/api/notifications/read", { method: "POST", body }).catch(() => undefined);
    await mutate();
  }

  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button
          variant="ghost"
          size="icon"
          className="relative"
          aria-label={unread > 0 ? `Notifications, ${unread} unread` : "Notifications"}
        >
          <BellIcon />
          {unread > 0 && (
            <span
              data-testid="unread-count"
              className="bg-primary text-primary-foreground absolute -top-0.5 -right-0.5 flex h-4 min-w-4 items-center justify-center rounded-full px-1 text-[10px] leading-none font-semibold tabular-nums"
            >
              {unread > 99 ? "99+" : unread}
            </span>
          )}
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-[min(22rem,calc(100vw-1rem))] p-0">
        <div className="flex items-center justify-between gap-2 px-3 py-2">
          <DropdownMenuLabel className="p-0 text-sm">Notifications</DropdownMenuLabel>
          {unread > 0 && (
            <Button
              variant="ghost"
              size="sm"
              className="h-7 px-2 text-xs"
              onClick={(e) => {
                e.preventDefault();
                void markRead({ all: true });
              }}
            >
              <CheckCheckIcon aria-hidden="true" />
              Mark all read
            </Button>
          )}
        </div>
        <DropdownMenuSeparator className="m-0" />
        <div className="max-h-96 overflow-y-auto">
          {isLoading ? (
            <div className="text-muted-foreground flex items-center gap-2 px-3 py-6 text-sm">
              <Spinner aria-hidden="true" /> Loading…
            </div>
          ) : error ? (
            <p className="text-destructive px-3 py-6 text-sm">Could not load notifications.</p>
          ) : !data || data.items.length === 0 ? (
            <p className="text-muted-foreground px-3 py-6 text-center text-sm">
              Nothing yet. Exits, failures and limits show up here.
            </p>
          ) : (
            data.items.map((n) => (
              <DropdownMenuItem
                key={n.id}
                className="flex flex-col items-start gap-0.5 rounded-none px-3 py-2.5"
                onSelect={(e) => {
                  e.preventDefault();
                  if (!n.read) void markRead({ ids: [n.id] });
                }}
              >
                <span className="flex w-full items-start gap-2">
                  <span
                    aria-hidden="true"
                    className={cn(
                      "mt-1.5 size-2 shrink-0 rounded-full",
                      n.read ? "bg-transparent" : "bg-primary",
                    )}
                  />
                  <span className={cn("min-w-0 flex-1 text-sm", !n.read && "font-semibold")}>{n.title}</span>
                  {!n.read && <span className="sr-only">(unread)</span>}
                </span>
                <span className="text-muted-foreground line-clamp-2 pl-4 text-xs whitespace-pre-line">
                  {n.body}
                </span>
                <span className="text-muted-foreground pl-4 text-[11px]">{when(n.createdAt)}</span>
              </DropdownMenuItem>
            ))
          )}
        </div>
        <DropdownMenuSeparator className="m-0" />
        <DropdownMenuItem asChild className="rounded-none px-3 py-2 text-sm">
          <Link href="/dashboard/notifications">
            <SettingsIcon aria-hidden="true" />
            Notification settings
          </Link>
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
