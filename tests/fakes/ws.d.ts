// Minimal types for `ws` (installed with ccxt and openai; used only by the fake exchange in tests).
declare module "ws" {
  import type { IncomingMessage } from "node:http";
  import type { Duplex } from "node:stream";

  export class WebSocket {
    send(data: string): void;
    terminate(): void;
    on(event: "message", fn: (data: Buffer) => void): this;
    on(event: "close", fn: () => void): this;
  }

  export class WebSocketServer {
    constructor(opts: { noServer: true });
    clients: Set<WebSocket>;
    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, cb: (ws: WebSocket) => void): void;
    close(): void;
  }
}
