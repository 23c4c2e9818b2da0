// POST /api/billing/portal — open the Stripe Customer Portal (payment method, invoices, cancel); returns its URL.
import { NextResponse } from "next/server";
import { withUser } from "@/lib/api/route";
import { createPortalSession } from "@/lib/billing/checkout";

export const POST = withUser({}, async ({ user }) => {
  return NextResponse.json({ url: await createPortalSession(user.id) });
});
