// A local OpenAI-compatible server for tests: POST /v1/chat/completions answers according to a queue of modes.
import { createServer, type Server } from "node:http";

export type FakeMode =
  | { kind: "valid"; decision?: Record<string, unknown> }
  | { kind: "malformed" }
  | { kind: "schema" }
  | { kind: "timeout"; ms: number }
  | { kind: "status"; status: number };

export interface FakeOpenAI {
  url: string;
  calls: Array<{ model: string; prompt: string; hasSchema: boolean }>;
  /** Modes used for the next calls, in order; when empty, `fallback` is used. */
  queue: FakeMode[];
  fallback: FakeMode;
  close(): Promise<void>;
}

const VALID = {
  action: "buy",
  confidence: 0.8,
  leverage: 3,
  stop_loss: 0.01,
  take_profit: 0.02,
  reason: "EMA20 above EMA50 and MACD histogram rising.",
};

/** Start the fake on `port` (0 = any free port). */
export async function startFakeOpenAI(port = 0): Promise<FakeOpenAI> {
  const sockets = new Set<import("node:net").Socket>();
  const fake: FakeOpenAI = {
    url: "",
    calls: [],
    queue: [],
    fallback: { kind: "valid" },
    close: async () => {},
  };
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c));
    req.on("end", () => {
      if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) {
        res.writeHead(404).end();
        return;
      }
      const json = JSON.parse(body) as {
        model: string;
        messages: Array<{ content: string }>;
        response_format?: { type: string };
      };
      fake.calls.push({
        model: json.model,
        prompt: json.messages.at(-1)?.content ?? "",
        hasSchema: json.response_format?.type === "json_schema",
      });
      const mode = fake.queue.shift() ?? fake.fallback;
      if (mode.kind === "timeout") {
        setTimeout(() => res.writeHead(504).end(), mode.ms);
        return;
      }
      if (mode.kind === "status") {
        res.writeHead(mode.status, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message: "fake failure", type: "server_error" } }));
        return;
      }
      const content =
        mode.kind === "malformed"
          ? '{"action": "buy", "confidence": 0.8,'
          : JSON.stringify(
              mode.kind === "schema" ? { ...VALID, confidence: 7 } : { ...VALID, ...mode.decision },
            );
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          id: `chatcmpl-${fake.calls.length}`,
          object: "chat.completion",
          created: Math.floor(Date.now() / 1000),
          model: json.model,
          choices: [
            { index: 0, finish_reason: "stop", message: { role: "assistant", content, refusal: null } },
          ],
          usage: { prompt_tokens: 1200, completion_tokens: 80, total_tokens: 1280 },
        }),
      );
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.address();
  fake.url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : port}/v1`;
  fake.close = () =>
    new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return fake;
}
