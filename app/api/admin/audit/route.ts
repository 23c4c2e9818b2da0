// GET /api/admin/audit?userId=&action=&page= — the audit log, filterable by user and action
import { NextResponse } from "next/server";
import { z } from "zod";
import { AUDIT_PAGE_SIZE, listAudit } from "@/lib/admin/audit-log";
import { pageParam } from "@/lib/admin/request";
import { withAdmin } from "@/lib/api/route";

const query = z.object({
  userId: z.coerce.number().int().positive().optional(),
  action: z
    .string()
    .trim()
    .regex(/^[a-z0-9._-]{1,64}$/, "letters, digits, . _ - only")
    .optional(),
  page: pageParam,
});

export const GET = withAdmin({ query }, async ({ query: filter }) => {
  const { rows, total } = await listAudit(filter);
  return NextResponse.json({ entries: rows, total, page: filter.page, pageSize: AUDIT_PAGE_SIZE });
});
