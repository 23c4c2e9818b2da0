// The HTTP shell shared by the fake Binance and OKX servers: a real server on a random local port that records
// every request, can fail or hang the next N of them, and can answer the next N with the exchange's own
// rate-limit reply. Each fake supplies its routes.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** What a route sees of one request. */
export interface FakeRequest {
  method: string;
  path: string;
  /** The raw query string without `?`. */
  query: string;
  params: URLSearchParams;
  body: string;
  headers: IncomingMessage["headers"];
}

/** A route's answer: HTTP status and JSON body. */
export interface FakeReply {
  status: number;
  body: unknown;
}

/** Switches every fake has; tests read and set them. */
export interface FakeControls {
  /** Every request as `METHOD /path`. */
  requests: string[];
  failures: { mode: "500" | "hang"; remaining: number } | null;
  /** Answer the next N requests with the exchange's rate-limit reply. */
  rateLimitNext: number;
  /** Requests answered with the rate-limit reply. */
  rateLimited: number;
}

/** A running fake server. */
export interface FakeServer {
  url: string;
  controls: FakeControls;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function send(res: ServerResponse, reply: FakeReply): void {
  res.writeHead(reply.status, { "content-type": "application/json" });
  res.end(JSON.stringify(reply.body));
}

/** Start a fake on 127.0.0.1 with `route` answering everything the controls let through. */
export async function startFakeServer(
  route: (r: FakeRequest) => FakeReply,
  rateLimitReply: FakeReply,
): Promise<FakeServer> {
  const controls: FakeControls = { requests: [], failures: null, rateLimitNext: 0, rateLimited: 0 };
  const hanging = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://fake");
      const body = await readBody(req);
      controls.requests.push(`${req.method} ${url.pathname}`);
      if (controls.failures && controls.failures.remaining > 0) {
        controls.failures.remaining -= 1;
        if (controls.failures.mode === "hang") return void hanging.add(res);
        return send(res, { status: 500, body: { error: "internal" } });
      }
      if (controls.rateLimitNext > 0) {
        controls.rateLimitNext -= 1;
        controls.rateLimited += 1;
        return send(res, rateLimitReply);
      }
      const r: FakeRequest = {
        method: req.method ?? "GET",
        path: url.pathname,
        query: url.search.replace(/^\?/, ""),
        params: url.searchParams,
        body,
        headers: req.headers,
      };
      send(res, route(r));
    })().catch((err: unknown) => send(res, { status: 500, body: { error: String(err) } }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    controls,
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
