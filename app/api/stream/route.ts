// GET /api/stream — Server-Sent Events for the signed-in user: `candle` for every series update (id = open
// GET /api/stream — Server-Sent Events for the signed-in user: `candle` for every series update (id = open
// time), `decision` for new decisions, `order` for the user's own orders, `backtest` for their backtests' progress,
// `sync` when a reconcile pass of the user's live account found something, `system` when an operator flips the
// global kill switch. On reconnect (Last-Event-ID) the stored
// candles from that id on are sent first. A comment every 15 s keeps proxies from closing the stream. Every
// STREAM_SESSION_CHECK_SECONDS the session is checked again against MySQL: once it is revoked (log out everywhere,
// suspension) the stream sends `revoked` and ends, and the browser's reconnect gets a 401.
import { withUser } from "@/lib/api/route";
import { loadSessionUser } from "@/lib/auth/session-user";
import { env } from "@/lib/env";
import { decisionsChannel, systemChannel, userChannel } from "@/lib/events/channels";
import { decodeCandle, seriesChannel } from "@/lib/market/series";
import { streamHub } from "@/lib/market/stream-hub";
import { candlesSince } from "@/lib/market/candles-since";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const HEARTBEAT_MS = 15_000;

export const GET = withUser({}, async ({ req, user }) => {
  const lastId = Number(req.headers.get("last-event-id") ?? new URL(req.url).searchParams.get("lastEventId"));
  const bySymbol = new Map(env.MARKET_SYMBOLS.map((s) => [seriesChannel(s), s]));
  const decisions = decisionsChannel();
  const mine = userChannel(user.id);
  const system = systemChannel();
  const encoder = new TextEncoder();
  let cleanup = () => {};

  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let open = true;
      const send = (text: string) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      const sendCandle = (symbol: string, member: string) => {
        const c = decodeCandle(member);
        send(`event: candle\nid: ${c.t}\ndata: ${JSON.stringify({ symbol, ...c })}\n\n`);
      };
      const unlisten = await streamHub().listen(
        [...bySymbol.keys(), decisions, mine, system],
        (channel, message) => {
          const symbol = bySymbol.get(channel);
          if (symbol) sendCandle(symbol, message);
          else {
            const event =
              channel === decisions ? "decision" : channel === system ? "system" : userEventName(message);
            send(`event: ${event}\ndata: ${message}\n\n`);
          }
        },
      );
      const ping = setInterval(() => send(`: ping ${Date.now()}\n\n`), HEARTBEAT_MS);
      const recheck = setInterval(() => {
        loadSessionUser(String(user.id), user.sessionVersion, user.sessionId)
          .then((still) => {
            if (still) return;
            send(`event: revoked\ndata: {}\n\n`);
            cleanup();
          })
          // A database hiccup does not end a valid session's stream; the next check decides.
          .catch(() => undefined);
      }, env.STREAM_SESSION_CHECK_SECONDS * 1000);
      cleanup = () => {
        if (!open) return;
        open = false;
        clearInterval(ping);
        clearInterval(recheck);
        unlisten();
        try {
          controller.close();
        } catch {
          /* already closed */
        }
      };
      req.signal.addEventListener("abort", cleanup, { once: true });
      send(`retry: 3000\n: connected\n\n`);
      if (Number.isFinite(lastId) && lastId > 0) {
        for (const symbol of env.MARKET_SYMBOLS) {
          for (const member of await candlesSince(symbol, lastId)) sendCandle(symbol, member);
        }
      }
    },
    cancel() {
      cleanup();
    },
  });

  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
});

// A user's channel carries their orders, their custom group's decisions, their backtests' progress and "a
// reconcile pass found something" for a live account (`type` says which).
function userEventName(message: string): "order" | "decision" | "backtest" | "sync" {
  if (message.startsWith('{"type":"decision"')) return "decision";
  if (message.startsWith('{"type":"backtest"')) return "backtest";
  return message.startsWith('{"type":"sync"') ? "sync" : "order";
}
