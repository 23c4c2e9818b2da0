// GET /api/performance — the signed-in user's own performance on the selected account: closed trades, win rate,
// max drawdown, fees and the equity curve (from their own fills only).
import { NextResponse } from "next/server";
import { withUser } from "@/lib/api/route";
import { tradeView, type ClosedTrade } from "@/lib/backtest/result";
import { performanceOf } from "@/lib/performance/figures";
import { readLedger } from "@/lib/performance/ledger";

export const GET = withUser({}, async ({ user }) => {
  const ledger = await readLedger(user.id);
  if (!ledger) return NextResponse.json({ account: null, performance: null, trades: [] });
  return NextResponse.json({
    account: ledger.account,
    since: ledger.since.toISOString(),
    performance: performanceOf({
      start: ledger.startBalance,
      since: ledger.since,
      trades: ledger.trades,
      openFees: ledger.openFees,
    }),
    trades: ledger.trades
      .slice(-20)
      .reverse()
      .map((t) => tradeView({ ...t, exitReason: t.exitReason as ClosedTrade["exitReason"] })),
  });
});
