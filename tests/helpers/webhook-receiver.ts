// A user's webhook endpoint in the test process: records every POST (headers, raw body, arrival time) and can answer
// the next N with a 500 to exercise retries.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

/** One received webhook call. */
export interface ReceivedHook {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
  status: number;
}

/** Start the receiver on 127.0.0.1. */
export async function startWebhookReceiver() {
  const received: ReceivedHook[] = [];
  const state = { failNext: 0 };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const status = state.failNext > 0 ? 500 : 200;
      if (state.failNext > 0) state.failNext -= 1;
      received.push({
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        at: Date.now(),
        status,
      });
      res.writeHead(status, { "content-type": "application/json" });
      res.end(status === 200 ? '{"ok":true}' : '{"error":"boom"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/tickpilot`,
    received,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
