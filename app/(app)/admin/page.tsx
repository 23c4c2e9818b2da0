// GET /admin — the operator console; anyone but an admin gets a 404.
import type { Metadata } from "next";
import { ShieldCheckIcon } from "lucide-react";

import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { requireAdminPage } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  await requireAdminPage();
  return (
    <>
      <PageHeader title="Admin" description="Users, the decision loop, queues and platform-wide controls." />
      <EmptyState
        icon={ShieldCheckIcon}
        title="Admin console"
        description="User management, decision history, queue health and the global kill switch will appear here."
      />
    </>
  );
}
