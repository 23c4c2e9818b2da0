// GET /api/admin/users?q=&page= — search users by email (admins only; anyone else gets 404)
import { NextResponse } from "next/server";
import { z } from "zod";
import { pageParam } from "@/lib/admin/request";
import { searchUsers, USERS_PAGE_SIZE } from "@/lib/admin/users";
import { withAdmin } from "@/lib/api/route";

const query = z.object({ q: z.string().trim().max(254).optional(), page: pageParam });

export const GET = withAdmin({ query }, async ({ query: { q, page } }) => {
  const { rows, total } = await searchUsers(q, page);
  return NextResponse.json({ users: rows, total, page, pageSize: USERS_PAGE_SIZE });
});
