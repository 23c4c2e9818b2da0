// The fake Bybit's private WebSocket stream (/v5/private): `auth` with HMAC-SHA256(secret, "GET/realtime" +
// expires), `subscribe` to order / execution / position, `ping`; the fake publishes every change of a key's
// orders, executions and position to that key's subscribers, in Bybit's topic message shape.
import { createHmac, randomUUID } from "node:crypto";
import type { Server } from "node:http";
import { WebSocketServer, type WebSocket } from "ws";

export interface PrivateStream {
  /** Send `data` on `topic` to every authenticated subscriber of `apiKey`. */
  publish(apiKey: string, topic: "order" | "execution" | "position", data: unknown[]): void;
  /** Authenticated connections right now (tests wait for the reconcile worker to connect). */
  connections(): number;
  /** Topics the key's authenticated connections subscribed to. */
  topics(apiKey: string): string[];
  close(): Promise<void>;
}

interface Conn {
  ws: WebSocket;
  apiKey: string | null;
  topics: Set<string>;
}

/** Serve the private stream on `server`'s upgrade requests to /v5/private. */
export function attachPrivateStream(
  server: Server,
  secretOf: (apiKey: string) => string | null,
): PrivateStream {
  const wss = new WebSocketServer({ noServer: true });
  const conns = new Set<Conn>();
  server.on("upgrade", (req, socket, head) => {
    if (!req.url?.startsWith("/v5/private")) return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => {
      const conn: Conn = { ws, apiKey: null, topics: new Set() };
      conns.add(conn);
      const connId = randomUUID();
      ws.on("close", () => conns.delete(conn));
      ws.on("message", (raw) => {
        let msg: { op?: string; args?: string[]; req_id?: string };
        try {
          msg = JSON.parse(String(raw)) as typeof msg;
        } catch {
          return;
        }
        const reply = (extra: object) =>
          ws.send(JSON.stringify({ req_id: msg.req_id, conn_id: connId, ...extra }));
        if (msg.op === "ping") return reply({ op: "pong", args: [String(Date.now())] });
        if (msg.op === "auth") {
          const [apiKey = "", expires = "", sig = ""] = msg.args ?? [];
          const secret = secretOf(apiKey);
          const good =
            secret !== null &&
            Number(expires) > Date.now() &&
            createHmac("sha256", secret).update(`GET/realtime${expires}`).digest("hex") === sig;
          if (good) conn.apiKey = apiKey;
          return reply({ op: "auth", success: good, ret_msg: good ? "" : "error:USVC1111" });
        }
        if (msg.op === "subscribe") {
          if (!conn.apiKey)
            return reply({ op: "subscribe", success: false, ret_msg: "Request not authorized" });
          for (const t of msg.args ?? []) conn.topics.add(t);
          return reply({ op: "subscribe", success: true, ret_msg: "" });
        }
        return reply({ op: msg.op ?? "", success: false, ret_msg: "error:invalid op" });
      });
    });
  });
  return {
    publish(apiKey, topic, data) {
      const message = JSON.stringify({ id: randomUUID(), topic, creationTime: Date.now(), data });
      for (const c of conns) if (c.apiKey === apiKey && c.topics.has(topic)) c.ws.send(message);
    },
    connections: () => [...conns].filter((c) => c.apiKey !== null).length,
    topics: (apiKey) => [
      ...new Set([...conns].filter((c) => c.apiKey === apiKey).flatMap((c) => [...c.topics])),
    ],
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of conns) c.ws.terminate();
        wss.close();
        resolve();
      }),
  };
}
