// GET /api/kline — candles of one symbol and interval (closed + forming, oldest first) with the feed's status.
import { NextResponse } from "next/server";
import { withUser } from "@/lib/api/route";
import { env } from "@/lib/env";
import { getFeedStatus } from "@/lib/market/feed-status";
import { klineQuerySchema } from "@/lib/market/kline-query";
import { latestCandle, readKline } from "@/lib/market/series";

export const dynamic = "force-dynamic";

export const GET = withUser(
  { query: klineQuerySchema(env.MARKET_SYMBOLS) },
  async ({ query: { symbol, interval, count } }) => {
    const [candles, last1m, feed] = await Promise.all([
      readKline(symbol, interval, count),
      latestCandle(symbol),
      getFeedStatus(symbol),
    ]);
    // `last1m` lets the chart fold live 1m updates into the forming bar of a derived interval.
    return NextResponse.json(
      { symbol, interval, candles, last1m, feed },
      { headers: { "Cache-Control": "private, no-store" } },
    );
  },
);
