// POST /api/stripe/webhook — Stripe events: signature verified on the raw body, each event id processed once.
import { NextResponse } from "next/server";
import { AppError } from "@/lib/api/errors";
import { apiRoute } from "@/lib/api/handler";
import { receiveWebhook } from "@/lib/billing/receive-webhook";

export const dynamic = "force-dynamic";

export const POST = apiRoute(async (req) => {
  const raw = await req.text();
  if (Buffer.byteLength(raw) > 1_000_000)
    throw new AppError("payload_too_large", "Webhook body is too large");
  const result = await receiveWebhook(raw, req.headers.get("stripe-signature"));
  return NextResponse.json(result);
});
