import "server-only";
// The Telegram Bot API (TELEGRAM_API_URL, a local fake in tests): sendMessage, and the bot token never leaving this
// file (errors are rewritten so the token in the URL cannot reach a log or a delivery row).
import { env } from "@/lib/env";

/** A Bot API refusal; `retryAfter` (seconds) when Telegram asks to slow down. */
export class TelegramError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly retryAfter: number | null = null,
  ) {
    super(message);
  }
  /** 429 and 5xx may work later; 400/403 (chat gone, bot blocked) will not. */
  get retryable() {
    return this.status === 429 || this.status >= 500 || this.status === 0;
  }
}

/** Call one Bot API method with a JSON body. */
export async function telegramCall<T = unknown>(method: string, payload: object): Promise<T> {
  if (!env.TELEGRAM_BOT_TOKEN) throw new TelegramError("Telegram is not configured", 400);
  const base = env.TELEGRAM_API_URL.replace(/\/+$/, "");
  let res: Response;
  try {
    res = await fetch(`${base}/bot${env.TELEGRAM_BOT_TOKEN}/${method}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (err) {
    // fetch errors can quote the URL, and the URL holds the token.
    throw new TelegramError(`Telegram unreachable (${(err as Error).name})`, 0);
  }
  const json = (await res.json().catch(() => ({}))) as {
    ok?: boolean;
    result?: T;
    description?: string;
    parameters?: { retry_after?: number };
  };
  if (!res.ok || !json.ok)
    throw new TelegramError(
      `Telegram ${method}: ${json.description ?? `HTTP ${res.status}`}`.slice(0, 250),
      res.status,
      json.parameters?.retry_after ?? null,
    );
  return json.result as T;
}

/** Send a plain-text message to a chat. */
export function sendTelegram(chatId: string, text: string): Promise<unknown> {
  return telegramCall("sendMessage", { chat_id: chatId, text, disable_web_page_preview: true });
}
