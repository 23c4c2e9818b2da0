"use client";
// The account dropdown in the top bar: who is signed in, their plan, shortcuts and log out.
import Link from "next/link";
import { useFormStatus } from "react-dom";
import { CreditCardIcon, LockKeyholeIcon, LogOutIcon, SlidersHorizontalIcon } from "lucide-react";

import { Avatar, AvatarFallback } from "@/components/ui/avatar";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuGroup,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { Spinner } from "@/components/ui/spinner";
import { logout } from "@/lib/auth/actions";
import type { ShellUser } from "@/lib/auth/form-state";
import { getPlan } from "@/lib/billing/plans";

/** Up to two initials from the name, else the first letter of the email. */
export function userInitials(user: Pick<ShellUser, "name" | "email">) {
  const words = (user.name ?? "").trim().split(/\s+/).filter(Boolean);
  const initials = words
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join("");
  return initials || user.email.charAt(0).toUpperCase() || "?";
}

// Inside the form so it can show that logging out is under way.
function LogoutButton() {
  const { pending } = useFormStatus();
  return (
    <DropdownMenuItem
      asChild
      disabled={pending}
      // Keep the menu (and with it this form) mounted so the native submit goes through.
      onSelect={(event) => event.preventDefault()}
    >
      <button type="submit" className="w-full" aria-live="polite">
        {pending ? <Spinner aria-hidden="true" /> : <LogOutIcon />}
        {pending ? "Logging out…" : "Log out"}
      </button>
    </DropdownMenuItem>
  );
}

/** Avatar button opening the account menu; "Log out" submits a form bound to the `logout` action. */
export function UserMenu({ user }: { user: ShellUser }) {
  const plan = getPlan(user.plan);

  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        {/* The accessible name ("Account menu <who>") contains the visible text, as WCAG 2.5.3 asks. */}
        <Button variant="ghost" className="h-9 gap-2 rounded-full px-1 sm:pr-3">
          <Avatar className="size-7" aria-hidden="true">
            <AvatarFallback className="bg-primary/10 text-primary text-xs font-semibold">
              {userInitials(user)}
            </AvatarFallback>
          </Avatar>
          <span className="sr-only">{"Account menu "}</span>
          <span className="hidden max-w-40 truncate text-sm font-medium sm:inline">
            {user.name || user.email}
          </span>
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-64">
        <DropdownMenuLabel className="font-normal">
          <div className="flex items-start justify-between gap-3">
            <div className="min-w-0">
              <p className="truncate text-sm font-medium">{user.name || "Your account"}</p>
              <p className="text-muted-foreground truncate text-xs">{user.email}</p>
            </div>
            <Badge variant={plan.id === "free" ? "muted" : "default"} className="shrink-0">
              {plan.name}
            </Badge>
          </div>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuGroup>
          <DropdownMenuItem asChild>
            <Link href="/dashboard/settings">
              <SlidersHorizontalIcon />
              Settings
            </Link>
          </DropdownMenuItem>
          <DropdownMenuItem asChild>
            <Link href="/dashboard/security">
              <LockKeyholeIcon />
              Security
            </Link>
          </DropdownMenuItem>
          <DropdownMenuItem asChild>
            <Link href="/billing">
              <CreditCardIcon />
              Billing
            </Link>
          </DropdownMenuItem>
        </DropdownMenuGroup>
        <DropdownMenuSeparator />
        <form action={logout}>
          <LogoutButton />
        </form>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
