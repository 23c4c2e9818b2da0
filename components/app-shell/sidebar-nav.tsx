"use client";
// The sidebar's link list with the current page highlighted.
import Link from "next/link";
import { usePathname } from "next/navigation";

import type { ShellUser } from "@/lib/auth/form-state";
import { cn } from "@/lib/utils";
import { APP_NAV, isNavItemActive } from "./nav-items";

/** Vertical nav; Admin appears only for admins. `onNavigate` lets the mobile sheet close itself. */
export function SidebarNav({ role, onNavigate }: { role: ShellUser["role"]; onNavigate?: () => void }) {
  const pathname = usePathname();
  const items = APP_NAV.filter((item) => !item.adminOnly || role === "admin");

  return (
    <nav aria-label="App" className="grid gap-0.5">
      {items.map((item) => {
        const active = isNavItemActive(item, pathname);
        return (
          <Link
            key={item.href}
            href={item.href}
            onClick={onNavigate}
            aria-current={active ? "page" : undefined}
            data-active={active || undefined}
            className={cn(
              "group text-sidebar-foreground/70 hover:bg-sidebar-accent/70 hover:text-sidebar-accent-foreground focus-visible:ring-sidebar-ring/50 flex h-9 items-center gap-3 rounded-md px-3 text-sm font-medium transition-colors outline-none focus-visible:ring-[3px]",
              active && "bg-sidebar-accent text-sidebar-accent-foreground",
              item.adminOnly && "mt-4",
            )}
          >
            <item.icon
              aria-hidden="true"
              className={cn(
                "text-sidebar-foreground/50 group-hover:text-sidebar-accent-foreground size-4 shrink-0 transition-colors",
                active && "text-sidebar-primary group-hover:text-sidebar-primary",
              )}
            />
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
