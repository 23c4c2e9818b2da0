// GET /api/kline — candles of one symbol and interval (closed + forming, oldest first) with the feed's status.
// The body is shared by every user until the series is written again (lib/market/kline-cache.ts); the session
// check is the cached one (lib/auth/session-cache.ts), which still refuses a revoked or suspended user at once.
import { withUser } from "@/lib/api/route";
import { env } from "@/lib/env";
import { cachedKlineBody } from "@/lib/market/kline-cache";
import { klineQuerySchema } from "@/lib/market/kline-query";

export const dynamic = "force-dynamic";

export const GET = withUser(
  { query: klineQuerySchema(env.MARKET_SYMBOLS), session: "cached" },
  async ({ query: { symbol, interval, count } }) =>
    new Response(await cachedKlineBody(symbol, interval, count), {
      headers: { "Content-Type": "application/json", "Cache-Control": "private, no-store" },
    }),
);
