// GET /api/admin/users/[id] — one user with accounts (masked hint only), settings and recent orders
import { NextResponse } from "next/server";
import { getUserDetail } from "@/lib/admin/users";
import { idParams } from "@/lib/api/params";
import { withAdmin } from "@/lib/api/route";

export const GET = withAdmin({ params: idParams }, async ({ params }) => {
  return NextResponse.json(await getUserDetail(params.id));
});
