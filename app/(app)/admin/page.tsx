// GET /admin — system status: feeds, per-symbol decision state, LLM spend, live accounts (reconcile lag, rate
// limits, accounts out of sync), queues and workers (admins only).
import type { Metadata } from "next";

import { AutoRefresh } from "@/components/admin/auto-refresh";
import { FailedJobs } from "@/components/admin/failed-jobs";
import { OutOfSyncTable, ReconcileCard } from "@/components/admin/live-sync-tables";
import { FeedsTable, SymbolsTable } from "@/components/admin/status-tables";
import { QueuesTable, WorkersTable } from "@/components/admin/ops-tables";
import { LivenessStrip, StatusCards } from "@/components/admin/status-cards";
import { PageHeader } from "@/components/page-header";
import { failedJobs, queueCounts } from "@/lib/admin/queues";
import { systemStatus } from "@/lib/admin/status";
import { requireAdminPage } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Admin · Status" };

export default async function AdminStatusPage() {
  await requireAdminPage();
  const [status, queues, failed] = await Promise.all([systemStatus(), queueCounts(), failedJobs()]);
  return (
    <>
      <PageHeader
        title="System status"
        description="Market feeds, the decision loop, live accounts, queues and workers, as of the last refresh."
        actions={<AutoRefresh seconds={10} />}
      />
      <div className="space-y-6">
        <StatusCards status={status} queues={queues} />
        <LivenessStrip liveness={status.liveness} />
        <FeedsTable feeds={status.feeds} now={status.checkedAt} />
        <SymbolsTable
          symbols={status.symbols}
          lag={status.lag}
          inForce={`${status.provider} / ${status.model}`}
        />
        <ReconcileCard reconcile={status.reconcile} rateLimits={status.rateLimits} />
        <OutOfSyncTable rows={status.outOfSync.rows} total={status.outOfSync.total} now={status.checkedAt} />
        <QueuesTable queues={queues} />
        <FailedJobs jobs={failed.map((j) => ({ ...j, data: JSON.stringify(j.data) }))} />
        <WorkersTable workers={status.workers} now={status.checkedAt} />
      </div>
    </>
  );
}
