// A local OpenAI-compatible server for tests: POST /v1/chat/completions answers according to a queue of modes.
import { createServer, type Server } from "node:http";

export type FakeMode =
  | { kind: "valid"; decision?: Record<string, unknown>; delayMs?: number }
  | { kind: "malformed" }
  | { kind: "schema" }
  | { kind: "refusal"; text: string }
  | { kind: "cutoff" }
  | { kind: "timeout"; ms: number }
  | { kind: "status"; status: number };

/** One request as the fake saw it. */
export interface FakeCall {
  model: string;
  /** The last message (the group's data). */
  prompt: string;
  system: string;
  hasSchema: boolean;
  maxCompletionTokens: number | null;
  at: number;
}

export interface FakeOpenAI {
  url: string;
  calls: FakeCall[];
  /** Modes used for the next calls, in order; when empty, `fallback` is used. */
  queue: FakeMode[];
  fallback: FakeMode;
  /** Usage reported with every answer. */
  usage: { prompt: number; cached: number; completion: number };
  /** Calls being answered right now, and the most at once. */
  inFlight: number;
  maxInFlight: number;
  close(): Promise<void>;
}

/** A decision that passes every sanity bound at BTC prices (stop 0.6 %, target 1.2 %). */
export const VALID_DECISION = {
  action: "buy",
  confidence: 0.8,
  leverage: 3,
  stop_loss: 0.006,
  take_profit: 0.012,
  reason: "EMA20 above EMA50 and MACD histogram rising.",
};

function answer(
  model: string,
  id: number,
  content: string | null,
  extra: Record<string, unknown>,
  usage: FakeOpenAI["usage"],
) {
  return {
    id: `chatcmpl-${id}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      {
        index: 0,
        finish_reason: extra.finish_reason ?? "stop",
        message: { role: "assistant", content, refusal: extra.refusal ?? null },
      },
    ],
    usage: {
      prompt_tokens: usage.prompt,
      completion_tokens: usage.completion,
      total_tokens: usage.prompt + usage.completion,
      prompt_tokens_details: { cached_tokens: usage.cached },
    },
  };
}

/** Start the fake on `port` (0 = any free port). */
export async function startFakeOpenAI(port = 0): Promise<FakeOpenAI> {
  const sockets = new Set<import("node:net").Socket>();
  const fake: FakeOpenAI = {
    url: "",
    calls: [],
    queue: [],
    fallback: { kind: "valid" },
    usage: { prompt: 1200, cached: 0, completion: 80 },
    inFlight: 0,
    maxInFlight: 0,
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
        messages: Array<{ role: string; content: string }>;
        response_format?: { type: string };
        max_completion_tokens?: number;
      };
      fake.calls.push({
        model: json.model,
        prompt: json.messages.at(-1)?.content ?? "",
        system: json.messages.find((m) => m.role === "system")?.content ?? "",
        hasSchema: json.response_format?.type === "json_schema",
        maxCompletionTokens: json.max_completion_tokens ?? null,
        at: Date.now(),
      });
      const id = fake.calls.length;
      const mode = fake.queue.shift() ?? fake.fallback;
      fake.inFlight += 1;
      fake.maxInFlight = Math.max(fake.maxInFlight, fake.inFlight);
      res.on("close", () => (fake.inFlight -= 1));
      if (mode.kind === "timeout") {
        setTimeout(() => res.writeHead(504).end(), mode.ms);
        return;
      }
      if (mode.kind === "status") {
        res.writeHead(mode.status, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message: "fake failure", type: "server_error" } }));
        return;
      }
      let content: string | null;
      let extra: Record<string, unknown> = {};
      if (mode.kind === "malformed") content = '{"action": "buy", "confidence": 0.8,';
      else if (mode.kind === "schema") content = JSON.stringify({ ...VALID_DECISION, confidence: 7 });
      else if (mode.kind === "refusal") {
        content = null;
        extra = { refusal: mode.text };
      } else if (mode.kind === "cutoff") {
        content = '{"action": "buy", "confidence": 0.8, "leverage": 3, "stop_lo';
        extra = { finish_reason: "length" };
      } else content = JSON.stringify({ ...VALID_DECISION, ...mode.decision });
      const send = () => {
        if (res.destroyed) return;
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify(answer(json.model, id, content, extra, fake.usage)));
      };
      const delay = mode.kind === "valid" ? (mode.delayMs ?? 0) : 0;
      if (delay > 0) setTimeout(send, delay);
      else send();
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
