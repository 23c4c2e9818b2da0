// GET /admin — the operator console (placeholder; the role is checked on the server by the layout/handlers).
import type { Metadata } from "next";
import { ShieldCheckIcon } from "lucide-react";

import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";

export const metadata: Metadata = { title: "Admin" };

export default function AdminPage() {
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
