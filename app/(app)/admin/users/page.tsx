// GET /admin/users?q=&page= — find users by email: plan, status, auto-trade, account type, last order, PnL.
import type { Metadata } from "next";
import { z } from "zod";

import { Pager } from "@/components/admin/pager";
import { UserSearch } from "@/components/admin/user-search";
import { UsersTable } from "@/components/admin/users-table";
import { PageHeader } from "@/components/page-header";
import { searchUsers, USERS_PAGE_SIZE } from "@/lib/admin/users";
import { requireAdminPage } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Admin · Users" };

const params = z.object({
  q: z.string().trim().max(254).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});

export default async function AdminUsersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  await requireAdminPage();
  const { q, page } = params.parse(await searchParams);
  const { rows, total } = await searchUsers(q, page);
  return (
    <>
      <PageHeader
        title="Users"
        description="Search by email. Open a user to suspend them, stop their auto-trading or see their accounts."
      />
      <UserSearch defaultValue={q ?? ""} />
      <UsersTable rows={rows} query={q} />
      <Pager basePath="/admin/users" params={{ q }} page={page} pageSize={USERS_PAGE_SIZE} total={total} />
    </>
  );
}
