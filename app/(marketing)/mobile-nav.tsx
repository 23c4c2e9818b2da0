"use client";
// The marketing header's menu on small screens: a sheet with the section links and the auth buttons.
import Link from "next/link";
import { useState } from "react";
import { MenuIcon } from "lucide-react";

import { Logo } from "@/components/logo";
import { Button } from "@/components/ui/button";
import { Separator } from "@/components/ui/separator";
import {
  Sheet,
  SheetContent,
  SheetDescription,
  SheetHeader,
  SheetTitle,
  SheetTrigger,
} from "@/components/ui/sheet";
import { MARKETING_NAV } from "./nav-links";

/** Hamburger button (hidden from md up) opening the navigation sheet. */
export function MobileNav() {
  const [open, setOpen] = useState(false);
  const close = () => setOpen(false);

  return (
    <Sheet open={open} onOpenChange={setOpen}>
      <SheetTrigger asChild>
        <Button variant="ghost" size="icon" className="md:hidden" aria-label="Open menu">
          <MenuIcon className="size-5" />
        </Button>
      </SheetTrigger>
      <SheetContent side="right" className="w-full max-w-xs gap-0">
        <SheetHeader className="border-b">
          <SheetTitle asChild>
            <Link href="/" onClick={close} className="w-fit">
              <Logo />
            </Link>
          </SheetTitle>
          <SheetDescription className="sr-only">Site navigation</SheetDescription>
        </SheetHeader>
        <nav className="flex flex-col p-2" aria-label="Mobile">
          {MARKETING_NAV.map((item) => (
            <Link
              key={item.href}
              href={item.href}
              onClick={close}
              className="text-foreground/80 hover:bg-accent hover:text-accent-foreground rounded-md px-3 py-2.5 text-sm font-medium transition-colors"
            >
              {item.label}
            </Link>
          ))}
        </nav>
        <Separator />
        <div className="grid gap-2 p-4">
          <Button variant="outline" asChild>
            <Link href="/login" onClick={close}>
              Log in
            </Link>
          </Button>
          <Button asChild>
            <Link href="/signup" onClick={close}>
              Get started
            </Link>
          </Button>
        </div>
      </SheetContent>
    </Sheet>
  );
}
