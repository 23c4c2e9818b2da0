"use client";
// The admin console's sub-navigation: a scrollable tab strip that works on phones too.
import Link from "next/link";
import { usePathname } from "next/navigation";
import {
  ActivityIcon,
  BrainCircuitIcon,
  MailIcon,
  ScrollTextIcon,
  SlidersHorizontalIcon,
  UsersIcon,
} from "lucide-react";

import { cn } from "@/lib/utils";

const ITEMS = [
  { href: "/admin", label: "Status", icon: ActivityIcon, exact: true },
  { href: "/admin/users", label: "Users", icon: UsersIcon },
  { href: "/admin/controls", label: "Controls", icon: SlidersHorizontalIcon },
  { href: "/admin/decisions", label: "Decisions", icon: BrainCircuitIcon },
  { href: "/admin/audit", label: "Audit log", icon: ScrollTextIcon },
  { href: "/admin/outbox", label: "Outbox", icon: MailIcon },
];

/** Tabs for the admin sections; the current one is underlined. */
export function AdminNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Admin sections" className="-mx-4 mb-6 overflow-x-auto border-b px-4 sm:mx-0 sm:px-0">
      <ul className="flex min-w-max gap-1">
        {ITEMS.map((item) => {
          const active = item.exact ? pathname === item.href : pathname.startsWith(item.href);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "text-muted-foreground hover:text-foreground focus-visible:ring-ring/50 -mb-px flex h-10 items-center gap-2 border-b-2 border-transparent px-3 text-sm font-medium transition-colors outline-none focus-visible:ring-[3px]",
                  active && "border-primary text-foreground",
                )}
              >
                <item.icon className="size-4" aria-hidden="true" />
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
