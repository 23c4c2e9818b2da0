import "server-only";
// Per-channel send rates, shared by every worker through Redis: how long a send must wait before it may go
// (0 = now). Telegram allows about 30 messages a second per bot and one a second per chat.
import { redis, rkey } from "@/lib/redis";

/** At most one send per `gapMs` for `key` (e.g. one Telegram chat): the wait, or 0 after taking the slot. */
export async function spacedSlot(key: string, gapMs: number): Promise<number> {
  const full = rkey(`notify:gap:${key}`);
  const ok = await redis().set(full, "1", "PX", gapMs, "NX");
  if (ok === "OK") return 0;
  const ttl = await redis().pttl(full);
  return Math.max(ttl, 1) + 5;
}

/** At most `max` sends per `windowMs` window for `key`: the wait until the next window, or 0. */
export async function windowSlot(key: string, max: number, windowMs: number): Promise<number> {
  const now = Date.now();
  const window = Math.floor(now / windowMs);
  const full = rkey(`notify:win:${key}:${window}`);
  const [[, count]] = (await redis()
    .multi()
    .incr(full)
    .pexpire(full, windowMs * 2)
    .exec()) as [[Error | null, number]];
  return count <= max ? 0 : (window + 1) * windowMs - now + 5;
}

/** The rules per channel: the wait before `channel` may send to `target` now. */
export async function channelWait(
  channel: "email" | "telegram" | "webhook",
  target: string,
): Promise<number> {
  if (channel === "telegram") {
    const bot = await windowSlot("telegram-bot", 30, 1000);
    if (bot > 0) return bot;
    return spacedSlot(`telegram-chat:${target}`, 1000);
  }
  if (channel === "email") return windowSlot("email", 10, 1000);
  return windowSlot(`webhook:${target}`, 5, 1000);
}
