import "server-only";
// The requesting client's IP, for rate limits and the audit log.

/**
 * The web server (server.ts) resolves the client from the socket and TRUST_PROXY before Next sees the request and
 * replaces X-Forwarded-For with that one address, so whatever a client sent in that header never gets here.
 */
export function clientIp(headers: Headers): string {
  const ip = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return (ip || "unknown").slice(0, 64);
}
