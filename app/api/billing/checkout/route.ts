// POST /api/billing/checkout — start Stripe Checkout for a paid plan; returns the hosted page's URL.
import { NextResponse } from "next/server";
import { z } from "zod";
import { withUser } from "@/lib/api/route";
import { createCheckoutSession } from "@/lib/billing/checkout";

const body = z
  .object({ plan: z.enum(["pro", "elite"], { message: "Choose the Pro or Elite plan" }) })
  .strict();

export const POST = withUser({ body }, async ({ user, body: { plan } }) => {
  return NextResponse.json({ url: await createCheckoutSession(user.id, plan) });
});
