// POST /api/stripe/webhook — Stripe events: signature verified on the raw body, each event id processed once.
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { receiveWebhook } from "@/lib/billing/receive-webhook";

export const dynamic = "force-dynamic";

export const POST = apiRoute(async (req) => {
  const raw = await req.text();
  const result = await receiveWebhook(raw, req.headers.get("stripe-signature"));
  return NextResponse.json(result);
});
