// POST /api/billing/checkout — start Stripe Checkout for a paid plan; returns the hosted page's URL.
import { NextResponse } from "next/server";
import { z } from "zod";
import { apiRoute, readJson } from "@/lib/api/handler";
import { requireApiUser } from "@/lib/auth/session";
import { createCheckoutSession } from "@/lib/billing/checkout";

const body = z
  .object({ plan: z.enum(["pro", "elite"], { message: "Choose the Pro or Elite plan" }) })
  .strict();

export const POST = apiRoute(async (req) => {
  const user = await requireApiUser();
  const { plan } = await readJson(req, body);
  return NextResponse.json({ url: await createCheckoutSession(user.id, plan) });
});
