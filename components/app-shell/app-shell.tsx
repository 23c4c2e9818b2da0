// The signed-in frame: sidebar (sheet on mobile), top bar with theme toggle and account menu, content area.
import Link from "next/link";

import { ThemeToggle } from "@/components/theme-toggle";
import { Logo } from "@/components/logo";
import { NotificationBell } from "@/components/notifications/notification-bell";
import type { ShellUser } from "@/lib/auth/form-state";
import { MobileSidebar } from "./mobile-sidebar";
import { SidebarContent } from "./sidebar";
import { UserMenu } from "./user-menu";

/** Wraps every page under app/(app); `user` comes from the server-side session. */
export function AppShell({ user, children }: { user: ShellUser; children: React.ReactNode }) {
  return (
    <div className="bg-background min-h-svh lg:grid lg:grid-cols-[15rem_minmax(0,1fr)]">
      <a
        href="#main"
        className="bg-background sr-only z-50 rounded-md px-3 py-2 text-sm font-medium shadow focus:not-sr-only focus:fixed focus:top-3 focus:left-3"
      >
        Skip to content
      </a>
      <aside className="border-sidebar-border bg-sidebar sticky top-0 hidden h-svh border-r lg:block">
        <SidebarContent user={user} />
      </aside>
      <div className="flex min-h-svh min-w-0 flex-col">
        <header className="bg-background/80 supports-[backdrop-filter]:bg-background/65 sticky top-0 z-30 flex h-14 shrink-0 items-center gap-2 border-b px-4 backdrop-blur-lg sm:px-6">
          <MobileSidebar user={user} />
          <Link href="/dashboard" className="flex rounded-md lg:hidden" aria-label="Tickpilot dashboard">
            <Logo />
          </Link>
          <div className="ml-auto flex items-center gap-1">
            <NotificationBell />
            <ThemeToggle />
            <UserMenu user={user} />
          </div>
        </header>
        <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 sm:px-6 lg:px-8 lg:py-8">
          {children}
        </main>
      </div>
    </div>
  );
}
