// GET /dashboard/settings — auto-trading and risk settings (placeholder).
import type { Metadata } from "next";
import Link from "next/link";
import { SlidersHorizontalIcon } from "lucide-react";

import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Button } from "@/components/ui/button";

export const metadata: Metadata = { title: "Settings" };

export default function SettingsPage() {
  return (
    <>
      <PageHeader
        title="Settings"
        description="Auto-trading, risk level, leverage cap, minimum confidence and daily loss limit."
      />
      <EmptyState
        icon={SlidersHorizontalIcon}
        title="Connect an account to configure trading"
        description="Your limits bind every order Tickpilot places: confidence below your floor becomes hold, and leverage never exceeds your cap."
        action={
          <Button asChild variant="outline">
            <Link href="/dashboard/exchange-keys">Go to exchange keys</Link>
          </Button>
        }
      />
    </>
  );
}
