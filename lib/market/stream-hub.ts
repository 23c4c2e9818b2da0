import "server-only";
// One Redis subscriber per web process, fanned out to every open SSE connection: channels are subscribed on
// the first listener and unsubscribed after the last, so 1,000 open dashboards cost one Redis connection.
import type { Redis } from "ioredis";
import { createRedis } from "@/lib/redis";

type Listener = (channel: string, message: string) => void;

const g = globalThis as unknown as { __tpStreamHub?: StreamHub };

class StreamHub {
  private sub: Redis | null = null;
  private readonly listeners = new Map<string, Set<Listener>>();

  private conn(): Redis {
    if (!this.sub) {
      this.sub = createRedis("worker");
      this.sub.on("message", (channel: string, message: string) => {
        for (const fn of this.listeners.get(channel) ?? []) fn(channel, message);
      });
      this.sub.on("error", () => undefined);
    }
    return this.sub;
  }

  /** Listen on `channels`; resolves once Redis confirms the subscriptions; returns the unsubscribe function. */
  async listen(channels: string[], fn: Listener): Promise<() => void> {
    const fresh: string[] = [];
    for (const ch of channels) {
      let set = this.listeners.get(ch);
      if (!set) {
        set = new Set();
        this.listeners.set(ch, set);
        fresh.push(ch);
      }
      set.add(fn);
    }
    if (fresh.length) await this.conn().subscribe(...fresh);
    return () => {
      const gone: string[] = [];
      for (const ch of channels) {
        const set = this.listeners.get(ch);
        set?.delete(fn);
        if (set && set.size === 0) {
          this.listeners.delete(ch);
          gone.push(ch);
        }
      }
      if (gone.length && this.sub) void this.sub.unsubscribe(...gone).catch(() => undefined);
    };
  }
}

/** The process-wide hub. */
export function streamHub(): StreamHub {
  return (g.__tpStreamHub ??= new StreamHub());
}
