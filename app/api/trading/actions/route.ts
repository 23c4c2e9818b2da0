// POST /api/trading/actions — manual control: { kind: "close" | "cancel" | "flatten", symbol?, key } closes the
// position now, cancels Tickpilot's open orders, or stops auto-trading and flattens. Idempotent by `key` (the
// page makes one per click), audited, rate-limited; the action runs on the execute queue. 202 with the action.
import { NextResponse } from "next/server";
import { z } from "zod";
import { withUser } from "@/lib/api/route";
import { manualActionView, requestManualAction } from "@/lib/execution/manual-actions";
import { DEFAULT_SYMBOL, isServedSymbol } from "@/lib/trading/symbols";

const body = z
  .object({
    kind: z.enum(["close", "cancel", "flatten"], { error: "kind must be close, cancel or flatten" }),
    symbol: z
      .string()
      .trim()
      .toUpperCase()
      .refine(isServedSymbol, "not a symbol this installation trades")
      .default(DEFAULT_SYMBOL),
    key: z
      .string()
      .regex(/^[A-Za-z0-9_-]{8,64}$/, "key must be 8–64 letters, digits, - or _ (one per click)"),
  })
  .strict();

export const POST = withUser(
  { body, rateLimit: { name: "manual-action", limit: 30, windowSeconds: 60 } },
  async ({ user, body: b, ip }) => {
    const action = await requestManualAction({
      userId: user.id,
      symbol: b.symbol,
      kind: b.kind,
      idempotencyKey: b.key,
      ip,
    });
    return NextResponse.json({ action: manualActionView(action) }, { status: 202 });
  },
);
