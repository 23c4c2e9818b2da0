"use client";
// The sidebar body shared by the desktop rail and the mobile sheet.
import Link from "next/link";

import { Logo } from "@/components/logo";
import type { ShellUser } from "@/lib/auth/form-state";
import { PlanCard } from "./plan-card";
import { SidebarNav } from "./sidebar-nav";

/** Logo, navigation and plan card, stacked to fill the height. */
export function SidebarContent({ user, onNavigate }: { user: ShellUser; onNavigate?: () => void }) {
  return (
    <div className="flex h-full flex-col">
      <div className="flex h-14 shrink-0 items-center px-5">
        <Link
          href="/dashboard"
          onClick={onNavigate}
          className="focus-visible:ring-ring/50 flex rounded-md focus-visible:ring-[3px] focus-visible:outline-none"
        >
          <Logo />
        </Link>
      </div>
      <div className="flex-1 overflow-y-auto px-3 py-4">
        <SidebarNav role={user.role} onNavigate={onNavigate} />
      </div>
      <div className="p-3">
        <PlanCard plan={user.plan} billingEnabled={user.billingEnabled !== false} onNavigate={onNavigate} />
      </div>
    </div>
  );
}
