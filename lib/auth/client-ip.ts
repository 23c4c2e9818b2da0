import "server-only";
// The requesting client's IP, for rate limits and the audit log.
import { env } from "@/lib/env";

/**
 * Next sets `x-forwarded-for` to the socket address when the request has none. Behind a trusted proxy
 * (TRUST_PROXY=true) the first entry is the client; otherwise the last entry is the nearest hop.
 */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for");
  const parts = forwarded
    ? forwarded
        .split(",")
        .map((p) => p.trim())
        .filter(Boolean)
    : [];
  const ip = (env.TRUST_PROXY ? parts[0] : parts[parts.length - 1]) ?? headers.get("x-real-ip") ?? "unknown";
  return ip.slice(0, 64);
}
