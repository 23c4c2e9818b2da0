// GET /api/stream — Server-Sent Events for the signed-in user: `candle` for every series update (id = open
// time), `decision` for new decisions, `order` for the user's own orders. On reconnect (Last-Event-ID) the
// stored candles from that id on are sent first. A comment every 15 s keeps proxies from closing the stream.
import { apiRoute } from "@/lib/api/handler";
import { requireApiUser } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { decisionsChannel, userChannel } from "@/lib/events/channels";
import { decodeCandle, seriesChannel } from "@/lib/market/series";
import { streamHub } from "@/lib/market/stream-hub";
import { candlesSince } from "@/lib/market/candles-since";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const HEARTBEAT_MS = 15_000;

export const GET = apiRoute(async (req) => {
  const user = await requireApiUser();
  const lastId = Number(req.headers.get("last-event-id") ?? new URL(req.url).searchParams.get("lastEventId"));
  const bySymbol = new Map(env.MARKET_SYMBOLS.map((s) => [seriesChannel(s), s]));
  const decisions = decisionsChannel();
  const mine = userChannel(user.id);
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
      const unlisten = await streamHub().listen([...bySymbol.keys(), decisions, mine], (channel, message) => {
        const symbol = bySymbol.get(channel);
        if (symbol) sendCandle(symbol, message);
        else
          send(`event: ${channel === decisions ? "decision" : userEventName(message)}\ndata: ${message}\n\n`);
      });
      const ping = setInterval(() => send(`: ping ${Date.now()}\n\n`), HEARTBEAT_MS);
      cleanup = () => {
        if (!open) return;
        open = false;
        clearInterval(ping);
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

// A user's channel carries their orders and their custom group's decisions (`type` says which).
function userEventName(message: string): "order" | "decision" {
  return message.startsWith('{"type":"decision"') ? "decision" : "order";
}
