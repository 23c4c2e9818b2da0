import "server-only";
// Pub/sub channels the dashboard stream (GET /api/stream) forwards; publishers send JSON messages.
import { rkey } from "@/lib/redis";

/** Every new decision (all users see the shared decisions) → SSE event `decision`. */
export function decisionsChannel(): string {
  return rkey("events:decisions");
}

/** One user's own order updates → SSE event `order` (only that user's stream subscribes). */
export function userChannel(userId: number | string): string {
  return rkey(`events:user:${userId}`);
}

/** Installation-wide state every signed-in page follows (the global kill switch) → SSE event `system`. */
export function systemChannel(): string {
  return rkey("events:system");
}
