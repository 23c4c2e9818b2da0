// PUT /api/signal-follow — what auto-trading follows on a symbol { symbol, mode: shared | signals | both }.
import { NextResponse } from "next/server";
import { AppError } from "@/lib/api/errors";
import { withUser } from "@/lib/api/route";
import { setFollowMode } from "@/lib/signals/follow-mode";
import { followModeSchema } from "@/lib/signals/schemas";
import { isServedSymbol } from "@/lib/trading/symbols";

export const PUT = withUser({ body: followModeSchema }, async ({ user, body, ip }) => {
  if (!isServedSymbol(body.symbol))
    throw new AppError("bad_request", `Symbol ${body.symbol} is not traded here`, {
      fields: { symbol: "Not a symbol this installation trades" },
    });
  const mode = await setFollowMode({ id: user.id, ip }, body.symbol, body.mode);
  return NextResponse.json({ mode });
});
