// GET /admin/audit?user=&action=&page= — who did what, when, to whom; filter by user (id or email) and action.
import type { Metadata } from "next";
import { z } from "zod";

import { AuditFilters } from "@/components/admin/audit-filters";
import { AuditTable } from "@/components/admin/audit-table";
import { Pager } from "@/components/admin/pager";
import { PageHeader } from "@/components/page-header";
import { AUDIT_PAGE_SIZE, auditActions, listAudit, parseUserFilter } from "@/lib/admin/audit-log";
import { requireAdminPage } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Admin · Audit log" };

const params = z.object({
  // An id or (part of) an email; `userId` is the older name of the same box.
  user: z.string().max(254).optional().catch(undefined),
  userId: z.string().max(20).optional().catch(undefined),
  action: z
    .string()
    .regex(/^[a-z0-9._-]{1,64}$/)
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});

export default async function AdminAuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  await requireAdminPage();
  const input = params.parse(await searchParams);
  const user = input.user ?? input.userId;
  const filter = { ...parseUserFilter(user), action: input.action, page: input.page };
  const [{ rows, total }, actions] = await Promise.all([listAudit(filter), auditActions()]);
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Admin actions, key changes and trading toggles, newest first."
      />
      <AuditFilters user={user} action={filter.action} actions={actions} />
      <AuditTable rows={rows} />
      <Pager
        basePath="/admin/audit"
        params={{ user, action: filter.action }}
        page={filter.page}
        pageSize={AUDIT_PAGE_SIZE}
        total={total}
      />
    </>
  );
}
