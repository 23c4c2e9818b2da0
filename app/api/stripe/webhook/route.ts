// POST /api/stripe/webhook — Stripe events: signature verified on the raw body, each event id processed once.
import { NextResponse } from "next/server";
import { AppError } from "@/lib/api/errors";
import { withPublic } from "@/lib/api/route";
import { receiveWebhook } from "@/lib/billing/receive-webhook";

export const dynamic = "force-dynamic";

// Stripe's servers call this, not a browser: no same-origin or content-type check; the signature on the raw body is
// the authentication (an unsigned body is a 400 from receiveWebhook).
export const POST = withPublic({ crossOrigin: true, accepts: "any" }, async ({ req }) => {
  const raw = await req.text();
  if (Buffer.byteLength(raw) > 1_000_000)
    throw new AppError("payload_too_large", "Webhook body is too large");
  const result = await receiveWebhook(raw, req.headers.get("stripe-signature"));
  return NextResponse.json(result);
});
