// POST /api/signals/[token] — a signal alert (JSON or TradingView's text template, docs/signals.md) from a user's
// signal source. The token in the URL is the authentication; it is never logged. 202 accepted, 200 duplicate,
// 4xx with the reason (stored for the user to see), 429 with Retry-After past the source's rate limit.
import { NextResponse } from "next/server";
import { AppError } from "@/lib/api/errors";
import { withPublic } from "@/lib/api/route";
import { MAX_ALERT_BYTES } from "@/lib/signals/parse-alert";
import { receiveSignal } from "@/lib/signals/receive-signal";
import { tokenParams } from "@/lib/signals/schemas";

export const dynamic = "force-dynamic";

// TradingView's servers and users' scripts call this, not a browser: no same-origin check, and the body is read
// raw (TradingView sends text/plain unless the alert message is valid JSON). No per-IP limit on the route: every
// TradingView user's alerts come from the same few addresses. Each source has its own limit, and unknown tokens
// are counted per IP (receiveSignal).
export const POST = withPublic(
  { crossOrigin: true, accepts: "any", params: tokenParams },
  async ({ req, params, ip }) => {
    const body = await req.text();
    if (Buffer.byteLength(body) > MAX_ALERT_BYTES)
      throw new AppError("payload_too_large", `The alert is larger than ${MAX_ALERT_BYTES} bytes`);
    const receipt = await receiveSignal(params.token, body, ip);
    return NextResponse.json(receipt, { status: receipt.status === "accepted" ? 202 : 200 });
  },
);
