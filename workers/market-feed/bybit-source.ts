// The live Bybit source (ccxt): backfill the last 5,000 1m candles by paginated REST, then stream with
// watchOHLCV; on a disconnect reconnect with exponential backoff and backfill the gap by REST first, so the
// stored series has no holes (writes are idempotent upserts, so overlaps never duplicate).
import ccxt, { type OHLCV } from "ccxt";
import { env } from "@/lib/env";
import { getLogger } from "@/lib/log";
import type { Candle } from "@/lib/market/types";
import type { FeedSource, SourceContext } from "./series-feed";
import { sleep } from "./sleep";

const log = getLogger("market-feed");
const MINUTE = 60_000;
const PAGE = 1_000;
const HISTORY = 5_000;

/** A ccxt pro Bybit client for public market data (BYBIT_API_URL / BYBIT_WS_URL override the hosts). */
export function bybitMarketClient(
  apiUrl = env.BYBIT_API_URL,
  wsUrl = env.BYBIT_WS_URL,
): InstanceType<typeof ccxt.pro.bybit> {
  const ex = new ccxt.pro.bybit({
    enableRateLimit: true,
    options: { defaultType: "swap", fetchMarkets: { types: ["linear"] } },
  });
  const urls = ex.urls as { api: Record<string, unknown> };
  if (apiUrl) {
    const base = apiUrl.replace(/\/$/, "");
    for (const k of ["spot", "futures", "v2", "public", "private"]) urls.api[k] = base;
  }
  if (wsUrl) {
    const ws = wsUrl.replace(/\/$/, "");
    const pub = (urls.api.ws as { public: Record<string, string> }).public;
    for (const k of Object.keys(pub)) pub[k] = `${ws}/v5/public/${k}`;
  }
  return ex;
}

/** ccxt unified symbol of a USDT perpetual, e.g. BTCUSDT → BTC/USDT:USDT. */
export function unifiedSymbol(symbol: string): string {
  return `${symbol.replace(/USDT$/, "")}/USDT:USDT`;
}

function toCandle(row: OHLCV): Candle | null {
  const [t, o, h, l, c, v] = row.map(Number);
  if (![t, o, h, l, c, v].every((x) => Number.isFinite(x))) return null;
  return { t: t!, o: o!, h: h!, l: l!, c: c!, v: v! };
}

/**
 * Paginated REST backfill from the newest stored candle (or 5,000 minutes back) up to now, in windows of exactly
 * 1,000 minutes (start + end), so the result does not depend on which end of a range the exchange returns first.
 */
export async function backfill(
  ex: InstanceType<typeof ccxt.pro.bybit>,
  ctx: SourceContext,
  now = Date.now(),
): Promise<boolean> {
  const stored = await ctx.newestStored();
  const current = Math.floor(now / MINUTE) * MINUTE;
  const floor = current - (HISTORY - 1) * MINUTE;
  for (let from = stored === null ? floor : Math.max(floor, stored); from <= current; from += PAGE * MINUTE) {
    if (ctx.signal.aborted) return false;
    const until = Math.min(current, from + (PAGE - 1) * MINUTE);
    const rows = await ex.fetchOHLCV(unifiedSymbol(ctx.symbol), "1m", from, PAGE, { until });
    const candles = rows
      .map(toCandle)
      .filter((c): c is Candle => c !== null && c.t >= from && c.t <= until)
      .sort((a, b) => a.t - b.t);
    if (!(await ctx.write(candles))) return false;
  }
  return true;
}

/** Options of the Bybit source (tests point it at a fake exchange and a moved clock). */
export interface BybitSourceOptions {
  apiUrl?: string;
  wsUrl?: string;
  now?: () => number;
  /** First reconnect delay; doubles per failure up to 30 s. */
  baseDelayMs?: number;
}

/** The live feed of one symbol while leading. */
export function bybitSource(opts: BybitSourceOptions = {}): FeedSource {
  const now = opts.now ?? Date.now;
  const base = opts.baseDelayMs ?? 1_000;
  return async (ctx) => {
    let delay = base;
    while (!ctx.signal.aborted) {
      const ex = bybitMarketClient(opts.apiUrl ?? env.BYBIT_API_URL, opts.wsUrl ?? env.BYBIT_WS_URL);
      // Closing the client rejects a pending watchOHLCV, so losing leadership stops the stream at once.
      const stop = () => void ex.close().catch(() => undefined);
      ctx.signal.addEventListener("abort", stop, { once: true });
      try {
        // ccxt needs an http agent for plain ws:// URLs (the local fake exchange in tests).
        if ((opts.wsUrl ?? env.BYBIT_WS_URL)?.startsWith("ws://")) await ex.loadHttpProxyAgent();
        if (!(await backfill(ex, ctx, now()))) return;
        while (!ctx.signal.aborted) {
          const rows = await ex.watchOHLCV(unifiedSymbol(ctx.symbol), "1m");
          const candles = rows.map(toCandle).filter((c): c is Candle => c !== null);
          if (!(await ctx.write(candles))) return;
          delay = base;
        }
      } catch (err) {
        if (ctx.signal.aborted) return;
        log.warn(
          { err: String(err), symbol: ctx.symbol, retryInMs: delay },
          "bybit feed disconnected; reconnecting",
        );
        await sleep(delay, ctx.signal);
        delay = Math.min(delay * 2, 30_000);
      } finally {
        ctx.signal.removeEventListener("abort", stop);
        await ex.close().catch(() => undefined);
      }
    }
  };
}

/** The live feed with the configured URLs (role `feed`, MARKET_SOURCE=bybit). */
export const runBybit: FeedSource = (ctx) => bybitSource()(ctx);
