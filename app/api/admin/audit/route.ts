// GET /api/admin/audit?userId=|user=&action=&page= — the audit log, filterable by user (id, or part of an email
// in `user`) and action
import { NextResponse } from "next/server";
import { z } from "zod";
import { AUDIT_PAGE_SIZE, listAudit, parseUserFilter } from "@/lib/admin/audit-log";
import { pageParam } from "@/lib/admin/request";
import { withAdmin } from "@/lib/api/route";

const query = z.object({
  userId: z.coerce.number({ error: "User id must be a number" }).int().positive().optional(),
  user: z.string().trim().max(254, "User must be at most 254 characters").optional(),
  action: z
    .string()
    .trim()
    .regex(/^[a-z0-9._-]{1,64}$/, "letters, digits, . _ - only")
    .optional(),
  page: pageParam,
});

export const GET = withAdmin({ query }, async ({ query: { user, ...filter } }) => {
  const { rows, total } = await listAudit({ ...filter, ...parseUserFilter(user) });
  return NextResponse.json({ entries: rows, total, page: filter.page, pageSize: AUDIT_PAGE_SIZE });
});
