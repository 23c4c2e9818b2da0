// A local Telegram Bot API (TELEGRAM_API_URL points here): `/bot<token>/<method>` with the token checked, sendMessage
// recorded with its arrival time, getMe and setWebhook answered like Telegram. `sendStart` plays a user opening the
// deep link: it POSTs the `/start <token>` update to the app's webhook with the secret header, as Telegram does.
// `GET /__sent` lists the sent messages (for the browser tests, whose fake runs in the setup process).
import { startFakeServer, type FakeReply, type FakeServer } from "./fake-server";

/** One message the bot sent. */
export interface SentMessage {
  chatId: string;
  text: string;
  at: number;
}

/** A running fake Bot API. */
export interface FakeTelegram extends FakeServer {
  token: string;
  sent: SentMessage[];
  /** Make a chat answer 403 (the user blocked the bot). */
  block(chatId: string | number): void;
  /** Messages to one chat. */
  to(chatId: string | number): SentMessage[];
  /** Deliver `/start <token>` from a private chat to the app's webhook; returns the app's JSON answer. */
  sendStart(webhookUrl: string, secret: string, chatId: number, startToken: string): Promise<unknown>;
}

const ok = (result: unknown): FakeReply => ({ status: 200, body: { ok: true, result } });
const refuse = (status: number, description: string): FakeReply => ({
  status,
  body: { ok: false, error_code: status, description },
});

/** Start the fake with the bot token the app must use. */
export async function startFakeTelegram(token = "123456:TEST-fake-bot-token"): Promise<FakeTelegram> {
  const sent: SentMessage[] = [];
  const blocked = new Set<string>();
  let updateId = 1;
  const server = await startFakeServer(
    (r) => {
      // For tests in another process (the browser tests' setup runs the fake): what the bot sent.
      if (r.method === "GET" && r.path === "/__sent") return { status: 200, body: sent };
      const m = /^\/bot([^/]+)\/(\w+)$/.exec(r.path);
      if (!m) return refuse(404, "Not Found");
      if (m[1] !== token) return refuse(401, "Unauthorized");
      const body = (r.body ? JSON.parse(r.body) : {}) as Record<string, unknown>;
      switch (m[2]) {
        case "getMe":
          return ok({ id: 123456, is_bot: true, username: "tickpilot_test_bot" });
        case "setWebhook":
          return ok(true);
        case "sendMessage": {
          if (!body.chat_id || typeof body.text !== "string")
            return refuse(400, "Bad Request: chat_id and text");
          if (blocked.has(String(body.chat_id))) return refuse(403, "Forbidden: bot was blocked by the user");
          sent.push({ chatId: String(body.chat_id), text: body.text, at: Date.now() });
          return ok({ message_id: sent.length, chat: { id: body.chat_id }, text: body.text });
        }
        default:
          return refuse(404, "Not Found: method not found");
      }
    },
    {
      status: 429,
      body: {
        ok: false,
        error_code: 429,
        description: "Too Many Requests: retry after 1",
        parameters: { retry_after: 1 },
      },
    },
  );
  return {
    ...server,
    token,
    sent,
    to: (chatId) => sent.filter((s) => s.chatId === String(chatId)),
    block: (chatId) => void blocked.add(String(chatId)),
    async sendStart(webhookUrl, secret, chatId, startToken) {
      const res = await fetch(webhookUrl, {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret },
        body: JSON.stringify({
          update_id: updateId++,
          message: {
            message_id: 1,
            date: Math.floor(Date.now() / 1000),
            text: `/start ${startToken}`,
            chat: { id: chatId, type: "private" },
            from: { id: chatId, is_bot: false, first_name: "Test", username: "tester" },
          },
        }),
      });
      return res.json();
    },
  };
}
