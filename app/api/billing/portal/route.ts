// POST /api/billing/portal — open the Stripe Customer Portal (payment method, invoices, cancel); returns its URL.
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { requireApiUser } from "@/lib/auth/session";
import { createPortalSession } from "@/lib/billing/checkout";

export const POST = apiRoute(async () => {
  const user = await requireApiUser();
  return NextResponse.json({ url: await createPortalSession(user.id) });
});
