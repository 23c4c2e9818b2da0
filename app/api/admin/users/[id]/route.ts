// GET /api/admin/users/[id] — one user with accounts (masked hint only), settings and recent orders
import { NextResponse } from "next/server";
import { parseId, requireAdminActor } from "@/lib/admin/request";
import { getUserDetail } from "@/lib/admin/users";
import { apiRoute } from "@/lib/api/handler";

export const GET = apiRoute<{ params: Promise<{ id: string }> }>(async (req, { params }) => {
  await requireAdminActor(req);
  const id = parseId((await params).id);
  return NextResponse.json(await getUserDetail(id));
});
