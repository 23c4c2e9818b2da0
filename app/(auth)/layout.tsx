// Layout for log-in and sign-up: a centred card with the logo, a way home and the theme toggle.
import Link from "next/link";
import { ArrowLeftIcon, LockKeyholeIcon } from "lucide-react";

import { Logo } from "@/components/logo";
import { ThemeToggle } from "@/components/theme-toggle";
import { Button } from "@/components/ui/button";

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="bg-muted/40 dark:bg-background relative isolate flex min-h-svh flex-col">
      <div
        aria-hidden="true"
        className="absolute inset-0 -z-10 bg-[linear-gradient(to_right,var(--border)_1px,transparent_1px),linear-gradient(to_bottom,var(--border)_1px,transparent_1px)] [mask-image:radial-gradient(ellipse_60%_50%_at_50%_40%,black_20%,transparent_100%)] bg-size-[48px_48px] opacity-60"
      />
      <div
        aria-hidden="true"
        className="bg-primary/15 absolute top-0 left-1/2 -z-10 h-72 w-[40rem] max-w-full -translate-x-1/2 rounded-full blur-3xl"
      />
      <header className="flex items-center justify-between gap-4 px-4 py-4 sm:px-6">
        <Link
          href="/"
          className="focus-visible:ring-ring/50 flex rounded-md focus-visible:ring-[3px] focus-visible:outline-none"
        >
          <Logo />
        </Link>
        <div className="flex items-center gap-1">
          <Button variant="ghost" size="sm" asChild className="text-muted-foreground">
            <Link href="/">
              <ArrowLeftIcon />
              <span>
                Back<span className="hidden sm:inline"> to home</span>
              </span>
            </Link>
          </Button>
          <ThemeToggle />
        </div>
      </header>
      <main className="flex flex-1 items-start justify-center px-4 pt-6 pb-16 sm:items-center sm:pt-0">
        <div className="w-full max-w-sm">{children}</div>
      </main>
      <footer className="text-muted-foreground flex items-center justify-center gap-2 px-4 pb-6 text-xs">
        <LockKeyholeIcon className="size-3.5" aria-hidden="true" />
        Exchange keys are encrypted at rest and never shown again.
      </footer>
    </div>
  );
}
